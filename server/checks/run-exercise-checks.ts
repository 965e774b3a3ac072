import type { CheckResult } from '../../contract/check-result.ts';
import { BerthError } from '../../contract/errors.ts';
import { agentApi } from '../agents/agent-client.ts';
import { agentById } from '../agents/agent-registry.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { config } from '../config.ts';
import { getExercise } from '../lessons/get-exercise.ts';
import type { Lang } from '../lessons/lang.ts';
import { getSandboxOrThrow } from '../sandboxes/get-sandbox-or-throw.ts';
import { checkExercise } from './check-exercise.ts';
import { parseAnswers } from './parse-answers.ts';
import { recordCheck } from './record-check.ts';

// Runs an exercise's tasks in the learner's sandbox (by the agent, never in their terminal), with their
// answers to its questions, and records progress. A pure quiz needs no ready sandbox (parse-answers.ts).
export async function runExerciseChecks(input: {
  user: SessionUser;
  sandboxId: string;
  exerciseId: string;
  answers?: unknown;
  lang: Lang;
}): Promise<CheckResult> {
  const sandbox = await getSandboxOrThrow(input.user, input.sandboxId);
  const exercise = await getExercise(input.exerciseId);
  if (!exercise) throw new BerthError('not_found', `No exercise "${input.exerciseId}".`);
  const answers = parseAnswers(exercise, input.answers);
  if (exercise.pureQuiz) {
    const outcomes = await checkExercise(exercise, answers);
    return recordCheck({ user: input.user, sandboxId: sandbox.id, exercise, outcomes, lang: input.lang });
  }
  if (sandbox.state !== 'ready')
    throw new BerthError('conflict', `The sandbox is ${sandbox.state}, not ready.`);
  const nodes: string[] = JSON.parse(sandbox.nodes);
  if (!nodes.includes(exercise.node)) {
    throw new BerthError(
      'conflict',
      `This sandbox has no ${exercise.node}; start the lesson's sandbox first.`,
    );
  }
  const agent = await agentById(sandbox.agentId);
  const outcomes = await checkExercise(exercise, answers, async (tasks) => {
    const res = await agentApi.runChecks(agent, sandbox.id, {
      node: exercise.node,
      timeoutMs: config().BERTH_CHECK_TIMEOUT_MS,
      tasks,
    });
    return res.tasks;
  });
  return recordCheck({ user: input.user, sandboxId: sandbox.id, exercise, outcomes, lang: input.lang });
}
