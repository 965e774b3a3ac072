import os from 'node:os';
import { provisionWorkerHost, step } from '../sandbox-agent/src/host/index.ts';
import { type AgentRef, agentApi } from '../server/agents/agent-client.ts';
import { assertTasks } from '../server/lessons/assert-tasks.ts';
import type { ExerciseDef } from '../server/lessons/course-types.ts';
import { loadCourse } from '../server/lessons/load-course.ts';
import { startLocalAgent } from './agent-process.ts';
import { ensurePrerequisites, RUNTIME_PACKAGES } from './prerequisites.ts';
import { typeInTerminal } from './terminal-typist.ts';

// `./berth lessons verify [--jobs N] [id…]`: for each exercise, a fresh sandbox must FAIL its checks, then
// its reference solution — typed into a real terminal session, as a learner's keystrokes arrive — must
// make them PASS. Proves that every check can fail and can pass. Sandboxes go through an agent's HTTP API
// and its terminal websocket (server/agents/agent-client.ts), the path learners' sandboxes take: by
// default an agent process of its own for the run (cli/agent-process.ts), stopped at the end.
const CHECK_TIMEOUT_MS = 30_000;
const SOLUTION_TIMEOUT_MS = 180_000;

// Exercises in parallel: one per two cores (a sandbox's dockerd and a build keep a core busy), at least one.
export const defaultJobs = () => Math.max(1, Math.floor(os.availableParallelism() / 2));

interface Verified {
  id: string;
  failsFirst: boolean;
  passesAfter: boolean;
  seconds: number;
  problems: string[];
}

export async function runLessonsVerify(
  args: string[],
  opts: { agent?: AgentRef; jobs?: number } = {},
): Promise<number> {
  const parsed = parseVerifyArgs(args);
  if ('error' in parsed) {
    process.stderr.write(`${parsed.error}\n`);
    return 1;
  }
  const { ids } = parsed;
  const jobs = opts.jobs ?? parsed.jobs ?? defaultJobs();
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
  // Ctrl-C: the exercises under way remove their sandboxes, nothing new starts, the agent stops (it runs
  // in a process group of its own, so the same Ctrl-C does not take it down first). A second one kills.
  const interrupt = new AbortController();
  const onSignal = () => interrupt.abort();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, onSignal);
  const results: Verified[] = [];
  process.stdout.write(`verifying ${exercises.length} exercise(s), ${jobs} at a time\n`);
  try {
    const queue = [...exercises];
    const worker = async () => {
      for (let ex = queue.shift(); ex && !interrupt.signal.aborted; ex = queue.shift()) {
        const r = await verifyExercise(agent, ex, interrupt.signal);
        if (interrupt.signal.aborted) return;
        results.push(r);
        const mark = r.problems.length ? '✗' : '✓';
        process.stdout.write(`${mark} ${r.id} (${r.seconds.toFixed(1)}s)\n`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, exercises.length) }, worker));
  } finally {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.off(signal, onSignal);
    await local?.stop();
  }
  if (interrupt.signal.aborted) {
    process.stdout.write(
      `interrupted after ${results.length} of ${exercises.length} exercise(s); its sandboxes are removed\n`,
    );
    return 130;
  }
  const order = new Map(exercises.map((e, i) => [e.id, i]));
  results.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  process.stdout.write(verifyTable(results));
  const failures = results.filter((r) => r.problems.length);
  for (const r of failures)
    process.stdout.write(`\n✗ ${r.id}\n${r.problems.map((p) => `    ${p}`).join('\n')}\n`);
  process.stdout.write(`${results.length - failures.length} of ${exercises.length} exercise(s) verified\n`);
  return failures.length ? 1 : 0;
}

export function parseVerifyArgs(args: string[]): { ids: string[]; jobs?: number } | { error: string } {
  const ids: string[] = [];
  let jobs: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = a.startsWith('--jobs=') ? a.slice(7) : a === '--jobs' || a === '-j' ? args[++i] : undefined;
    if (value !== undefined || a === '--jobs' || a === '-j') {
      const n = Number(value);
      if (!Number.isInteger(n) || n < 1 || n > 32)
        return { error: `--jobs takes a number from 1 to 32, not "${value ?? ''}"` };
      jobs = n;
    } else if (a.startsWith('-'))
      return { error: `unknown option ${a}; usage: ./berth lessons verify [--jobs N] [id…]` };
    else ids.push(a);
  }
  return { ids, jobs };
}

/** The run as a table: exercise, fail-first ok, pass-after ok, seconds. */
export function verifyTable(rows: Verified[]): string {
  const head = ['exercise', 'fail-first', 'pass-after', 'seconds'];
  const cells = rows.map((r) => [
    r.id,
    r.failsFirst ? 'ok' : 'FAIL',
    r.passesAfter ? 'ok' : 'FAIL',
    r.seconds.toFixed(1),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    `${c.map((x, i) => (i === 3 ? x.padStart(widths[i]!) : x.padEnd(widths[i]!))).join('  ')}\n`;
  return `\n${line(head)}${line(widths.map((w) => '-'.repeat(w)))}${cells.map(line).join('')}`;
}

// One exercise on a fresh sandbox: its checks must all fail, then pass once the solution is typed.
async function verifyExercise(agent: AgentRef, ex: ExerciseDef, interrupted: AbortSignal): Promise<Verified> {
  const started = Date.now();
  const id = `verify-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const problems: string[] = [];
  let failsFirst = false;
  let passesAfter = false;
  const check = () =>
    agentApi.runChecks(agent, id, {
      node: ex.node,
      timeoutMs: CHECK_TIMEOUT_MS,
      tasks: assertTasks(ex),
    });
  try {
    await agentApi.createSandbox(agent, {
      id,
      owner: 'verify',
      nodes: [...ex.nodes],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    interrupted.throwIfAborted();
    const fresh = (await check()).tasks;
    for (const t of fresh) if (t.passed) problems.push(`task ${t.id} passes on a fresh sandbox`);
    failsFirst = fresh.every((t) => !t.passed);
    interrupted.throwIfAborted();
    const ws = agentApi.openTerminal(agent, id, ex.node);
    try {
      const typed = await typeInTerminal(ws, ex.solution ?? '', {
        timeoutMs: SOLUTION_TIMEOUT_MS,
        signal: interrupted,
      });
      if (typed.failed) {
        problems.push(
          `${typed.failed} command(s) of the reference solution failed: ${typed.transcript.trim().slice(-400)}`,
        );
      }
    } finally {
      ws.close();
    }
    interrupted.throwIfAborted();
    const after = (await check()).tasks;
    for (const t of after)
      if (!t.passed) problems.push(`task ${t.id} fails after the solution: ${t.message}`);
    passesAfter = after.every((t) => t.passed);
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  } finally {
    await agentApi
      .removeSandbox(agent, id)
      .catch((e: Error) => problems.push(`could not remove ${id}: ${e.message}`));
  }
  return { id: ex.id, failsFirst, passesAfter, seconds: (Date.now() - started) / 1000, problems };
}
