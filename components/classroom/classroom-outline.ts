// What a classroom covers as the dashboard gets it from the server (server/classrooms/classroom-outline.ts):
// lessons in order, their exercises and tasks, titled in the page's language.
import type { ExerciseCell } from '../../contract/classrooms';

export interface ClassroomOutline {
  lessons: {
    id: string;
    title: string;
    exercises: { id: string; title: string; tasks: { id: string; title: string }[] }[];
  }[];
}

export function outlineExercises(
  outline: ClassroomOutline,
): ClassroomOutline['lessons'][number]['exercises'] {
  return outline.lessons.flatMap((l) => l.exercises);
}

/** A new learner's row: every exercise untried. */
export function emptyCells(outline: ClassroomOutline): Record<string, ExerciseCell> {
  return Object.fromEntries(
    outlineExercises(outline).map((e) => [
      e.id,
      { passed: false, tasksPassed: 0, tasksTotal: e.tasks.length, attempts: 0, firstPassedAt: null },
    ]),
  );
}
