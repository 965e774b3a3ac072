import type { ExerciseDef } from './course-types.ts';
import { loadCourse } from './load-course.ts';

export type { ExerciseDef, TaskDef } from './course-types.ts';

// The full exercise (assertions, per-language titles and hints, reference solution) for the checks module.
export async function getExercise(exerciseId: string): Promise<ExerciseDef | undefined> {
  return (await loadCourse()).exercises.get(exerciseId);
}
