import { z } from 'zod';
import type { ExerciseCell } from '../../contract/classrooms.ts';

// One cell of the progress grid folded from a learner's check runs of one exercise (oldest first): passed once
// means passed, the most tasks one run passed, every run an attempt, the first passing run's time.

// A recorded run's tasks (server/checks/record-check.ts writes them); only whether each passed counts here.
const runTasksSchema = z.array(z.object({ passed: z.boolean() }).loose());

export interface RunRow {
  passed: boolean;
  tasks: string;
  createdAt: Date;
}

/** How many of a run's recorded tasks passed, of how many. */
export function runTaskCounts(tasks: string): { passed: number; total: number } {
  try {
    const parsed = runTasksSchema.safeParse(JSON.parse(tasks));
    if (parsed.success)
      return { passed: parsed.data.filter((t) => t.passed).length, total: parsed.data.length };
  } catch {}
  return { passed: 0, total: 0 };
}

export function emptyCell(tasksTotal: number): ExerciseCell {
  return { passed: false, tasksPassed: 0, tasksTotal, attempts: 0, firstPassedAt: null };
}

/** Adds one run (runs come oldest first) to the cell, in place. */
export function addRun(cell: ExerciseCell, run: RunRow): void {
  cell.attempts += 1;
  cell.tasksPassed = Math.max(
    cell.tasksPassed,
    run.passed ? cell.tasksTotal : runTaskCounts(run.tasks).passed,
  );
  if (run.passed && !cell.passed) cell.firstPassedAt = run.createdAt.toISOString();
  cell.passed ||= run.passed;
}
