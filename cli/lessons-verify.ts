import { provisionWorkerHost, step } from '../sandbox-agent/src/host/index.ts';
import { type AgentRef, agentApi } from '../server/agents/agent-client.ts';
import type { ExerciseDef } from '../server/lessons/course-types.ts';
import { loadCourse } from '../server/lessons/load-course.ts';
import { startLocalAgent } from './agent-process.ts';
import { ensurePrerequisites, RUNTIME_PACKAGES } from './prerequisites.ts';

// `./berth lessons verify [id…]`: for each exercise, a fresh sandbox must FAIL its checks, then its
// reference solution must make them PASS. Proves that every check can fail and can pass. Sandboxes go
// through an agent's HTTP API (server/agents/agent-client.ts), the path learners' sandboxes take: by
// default an agent process of its own for the run (cli/agent-process.ts), stopped at the end.
const CHECK_TIMEOUT_MS = 30_000;
const SOLUTION_TIMEOUT_MS = 120_000;

export async function runLessonsVerify(ids: string[], opts: { agent?: AgentRef } = {}): Promise<number> {
  const course = await loadCourse();
  const exercises = [...course.exercises.values()].filter(
    (e) => !ids.length || ids.some((id) => e.id === id || e.id.startsWith(`${id}/`)),
  );
  if (!exercises.length) {
    process.stderr.write(`no exercise matches ${ids.join(', ')}\n`);
    return 1;
  }
  let local: Awaited<ReturnType<typeof startLocalAgent>> | undefined;
  if (!opts.agent) {
    await ensurePrerequisites(RUNTIME_PACKAGES);
    await provisionWorkerHost();
    local = await step('Starting a sandbox agent for this run', () =>
      startLocalAgent(`verify-${process.pid}`),
    );
  }
  const agent = opts.agent ?? local!.ref;
  // Ctrl-C: the exercise under way removes its sandbox, nothing new starts, the agent stops (it runs in
  // a process group of its own, so the same Ctrl-C does not take it down first). A second one kills.
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, onSignal);
  let failures = 0;
  let done = 0;
  try {
    for (const ex of exercises) {
      if (interrupt.signal.aborted) break;
      const started = Date.now();
      const problems = await verifyExercise(agent, ex, interrupt.signal);
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (interrupt.signal.aborted) break;
      done++;
      if (problems.length) {
        failures++;
        process.stdout.write(`✗ ${ex.id} (${secs}s)\n${problems.map((p) => `    ${p}`).join('\n')}\n`);
      } else process.stdout.write(`✓ ${ex.id}: fails fresh, passes with the reference solution (${secs}s)\n`);
    }
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal);
    await local?.stop();
  }
  if (interrupt.signal.aborted) {
    process.stdout.write(
      `interrupted after ${done} of ${exercises.length} exercise(s); its sandboxes are removed\n`,
    );
    return 130;
  }
  process.stdout.write(`${exercises.length - failures} of ${exercises.length} exercise(s) verified\n`);
  return failures ? 1 : 0;
}

// What is wrong with one exercise; nothing when it fails fresh and passes after its solution.
async function verifyExercise(agent: AgentRef, ex: ExerciseDef, interrupted: AbortSignal): Promise<string[]> {
  const id = `verify-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const problems: string[] = [];
  const check = () =>
    agentApi.runChecks(agent, id, {
      node: ex.node,
      timeoutMs: CHECK_TIMEOUT_MS,
      tasks: ex.tasks.map((t) => ({ id: t.id, assert: t.assert })),
    });
  try {
    await agentApi.createSandbox(agent, {
      id,
      owner: 'verify',
      nodes: [...ex.nodes],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    interrupted.throwIfAborted();
    for (const t of (await check()).tasks)
      if (t.passed) problems.push(`task ${t.id} passes on a fresh sandbox`);
    interrupted.throwIfAborted();
    const sol = await agentApi.exec(agent, id, ex.node, `set -e\n${ex.solution}`, SOLUTION_TIMEOUT_MS);
    interrupted.throwIfAborted();
    if (sol.exitCode !== 0)
      problems.push(`reference solution failed (exit ${sol.exitCode}): ${sol.output.trim().slice(-300)}`);
    for (const t of (await check()).tasks)
      if (!t.passed) problems.push(`task ${t.id} fails after the solution: ${t.message}`);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  } finally {
    await agentApi
      .removeSandbox(agent, id)
      .catch((e: Error) => problems.push(`could not remove ${id}: ${e.message}`));
  }
  return problems;
}
