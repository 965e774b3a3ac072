import type { ClassroomProgress } from '../../contract/classrooms.ts';

// Spreadsheets run a cell that begins with = + - @ (or a tab/CR that hides one) as a formula: such a cell is
// prefixed with ' so it shows as typed. Every cell is quoted, quotes doubled (RFC 4180).
export function csvCell(value: string | number | boolean | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return `"${s.replaceAll('"', '""')}"`;
}

const HEADER = [
  'learner_id',
  'learner_name',
  'exercise_id',
  'passed',
  'tasks_passed',
  'tasks_total',
  'first_passed_at',
  'attempts',
];

/** One row per learner and exercise, CRLF line ends. */
export function progressCsv(progress: ClassroomProgress): string {
  const rows = [HEADER.map(csvCell).join(',')];
  for (const l of progress.learners)
    for (const [exerciseId, c] of Object.entries(l.exercises))
      rows.push(
        [l.id, l.name, exerciseId, c.passed, c.tasksPassed, c.tasksTotal, c.firstPassedAt, c.attempts]
          .map(csvCell)
          .join(','),
      );
  return `${rows.join('\r\n')}\r\n`;
}
