import { renderCheckMessage } from '../../contract/check-messages.ts';
import type { CheckResult } from '../../contract/check-result.ts';
import { BerthError } from '../../contract/errors.ts';
import { agentApi } from '../agents/agent-client.ts';
import { agentById } from '../agents/agent-registry.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { assertTasks } from '../lessons/assert-tasks.ts';
import { getExercise } from '../lessons/get-exercise.ts';
import type { Lang } from '../lessons/lang.ts';
import { getSandboxOrThrow } from '../sandboxes/get-sandbox-or-throw.ts';

// Runs an exercise's tasks in the learner's sandbox (by the agent, never in their terminal) and records progress.
export async function runExerciseChecks(input: {
  user: SessionUser;
  sandboxId: string;
  exerciseId: string;
  lang: Lang;
}): Promise<CheckResult> {
  const sandbox = await getSandboxOrThrow(input.user, input.sandboxId);
  const exercise = await getExercise(input.exerciseId);
  if (!exercise) throw new BerthError('not_found', `No exercise "${input.exerciseId}".`);
  if (sandbox.state !== 'ready')
    throw new BerthError('conflict', `The sandbox is ${sandbox.state}, not ready.`);
  const nodes: string[] = JSON.parse(sandbox.nodes);
  if (!nodes.includes(exercise.node)) {
    throw new BerthError(
      'conflict',
      `This sandbox has no ${exercise.node}; start the lesson's sandbox first.`,
    );
  }
  const checks = assertTasks(exercise);
  const outcome =
    checks.length === 0
      ? { tasks: [] }
      : await agentApi.runChecks(await agentById(sandbox.agentId), sandbox.id, {
          node: exercise.node,
          timeoutMs: config().BERTH_CHECK_TIMEOUT_MS,
          tasks: checks,
        });
  const byId = new Map(outcome.tasks.map((t) => [t.id, t]));
  const tasks = exercise.tasks.map((t) => {
    const o = byId.get(t.id);
    const passed = !!o?.passed;
    // The agent's finding in the page's language (an older agent sends English text only).
    const base = o?.finding
      ? renderCheckMessage(o.finding, input.lang)
      : (o?.message ?? renderCheckMessage({ code: 'not_checked' }, input.lang));
    // The agent's finding, then the lesson's hint on what to do about it, as one readable message.
    const hint = !passed && t.hint ? `${/[.!?。！？]$/.test(base) ? '' : '.'} ${t.hint[input.lang]}` : '';
    return {
      id: t.id,
      title: t.title[input.lang],
      passed,
      message: `${base}${hint}`,
    };
  });
  const passed = tasks.every((t) => t.passed);
  await db().$transaction([
    db().checkRun.create({
      data: {
        userId: input.user.id,
        sandboxId: sandbox.id,
        exerciseId: input.exerciseId,
        passed,
        tasks: JSON.stringify(tasks),
      },
    }),
    db().sandbox.update({ where: { id: sandbox.id }, data: { lastActiveAt: new Date() } }),
  ]);
  return { exerciseId: input.exerciseId, passed, tasks };
}
