import type { LearnerAnswer } from '../../contract/answers.ts';
import { type CheckMessage, msg, renderCheckMessage } from '../../contract/check-messages.ts';
import type { CheckTask, TaskOutcome } from '../../contract/checks.ts';
import type { ExerciseDef } from '../lessons/course-types.ts';
import { matchAnswer } from './match-answer.ts';

/** Runs check tasks in the exercise's sandbox (the agent's POST /v1/sandboxes/:id/checks). */
export type RunOnAgent = (tasks: CheckTask[]) => Promise<TaskOutcome[]>;

// Every task of an exercise, in order: static answers checked here, checks of the sandbox and live answers
// (the learner's answer with where to read the right one) by the agent, so that value never leaves it.
// The checks route and `lessons verify` share this. Without `runOnAgent` (a pure quiz) nothing goes there.
export async function checkExercise(
  exercise: ExerciseDef,
  answers: ReadonlyMap<string, LearnerAnswer>,
  runOnAgent?: RunOnAgent,
): Promise<TaskOutcome[]> {
  const local = new Map<string, TaskOutcome>();
  const remote: CheckTask[] = [];
  for (const task of exercise.tasks) {
    const given = answers.get(task.id);
    if (task.assert) remote.push({ id: task.id, assert: task.assert });
    else if (task.answer.kind !== 'live') {
      const { passed, finding } = matchAnswer(task.answer, given);
      local.set(task.id, outcome(task.id, passed, finding));
    } else if (typeof given !== 'string' || given.trim() === '') {
      local.set(task.id, outcome(task.id, false, msg('answer_missing')));
    } else remote.push({ id: task.id, probe: { from: task.answer.from, answer: given } });
  }
  if (remote.length > 0 && !runOnAgent) {
    throw new Error(`${exercise.id} looks at the sandbox; check it in one`);
  }
  const fromAgent = remote.length > 0 && runOnAgent ? await runOnAgent(remote) : [];
  const byId = new Map([...fromAgent.map((o) => [o.id, o] as const), ...local]);
  return exercise.tasks.map(
    (t) =>
      byId.get(t.id) ?? { id: t.id, passed: false, message: renderCheckMessage(msg('not_checked'), 'en') },
  );
}

function outcome(id: string, passed: boolean, finding: CheckMessage): TaskOutcome {
  return { id, passed, message: renderCheckMessage(finding, 'en'), finding };
}
