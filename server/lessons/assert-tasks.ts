import type { CheckTask } from '../../contract/checks.ts';
import type { ExerciseDef } from './course-types.ts';

// An exercise's checks of the sandbox, as the agent runs them (its answer tasks left out).
export function assertTasks(exercise: ExerciseDef): CheckTask[] {
  return exercise.tasks.flatMap((t) => (t.assert ? [{ id: t.id, assert: t.assert }] : []));
}
