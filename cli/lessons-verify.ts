import os from 'node:os';
import { renderCheckMessage } from '../contract/check-messages.ts';
import type { TaskOutcome } from '../contract/checks.ts';
import { provisionWorkerHost, step } from '../sandbox-agent/src/host/index.ts';
import { type AgentRef, agentApi } from '../server/agents/agent-client.ts';
import { checkExercise } from '../server/checks/check-exercise.ts';
import type { ExerciseDef } from '../server/lessons/course-types.ts';
import { loadCourse } from '../server/lessons/load-course.ts';
import { startLocalAgent } from './agent-process.ts';
import { ensurePrerequisites, RUNTIME_PACKAGES } from './prerequisites.ts';
import { rightAnswers, wrongAnswers } from './quiz-answers.ts';
import { typeInTerminal } from './terminal-typist.ts';

// `./berth lessons verify [--jobs N] [id…]`: for each exercise, a fresh sandbox must FAIL its checks, then
// its reference solution — typed into a real terminal session, as a learner's keystrokes arrive — must
// make them PASS. Proves that every check can fail and can pass. A question is answered wrong first and
// right after (a live answer's right value revealed by the agent, POST /v1/sandboxes/:id/answers); a pure
// quiz needs no sandbox, so it is verified without one (and without an agent if that is all there is). Sandboxes go through an agent's HTTP API
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
  if (!opts.agent && exercises.some((e) => !e.pureQuiz)) {
    await ensurePrerequisites(RUNTIME_PACKAGES);
    await provisionWorkerHost();
    local = await step('Starting a sandbox agent for this run', () =>
      startLocalAgent(`verify-${process.pid}`),
    );
  }
  const agent = opts.agent ?? local?.ref;
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
        const r = ex.pureQuiz ? await verifyQuiz(ex) : await verifyExercise(agent!, ex, interrupt.signal);
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

// A quiz of static answers: every wrong answer must fail and every right one pass; no sandbox needed.
async function verifyQuiz(ex: ExerciseDef): Promise<Verified> {
  const started = Date.now();
  const problems: string[] = [];
  const wrong = await checkExercise(ex, wrongAnswers(ex));
  for (const t of wrong) if (t.passed) problems.push(`task ${t.id} passes with a wrong answer`);
  const right = await checkExercise(ex, rightAnswers(ex));
  for (const t of right)
    if (!t.passed) problems.push(`task ${t.id} fails with its right answer: ${t.message}`);
  return {
    id: ex.id,
    failsFirst: wrong.every((t) => !t.passed),
    passesAfter: right.every((t) => t.passed),
    seconds: (Date.now() - started) / 1000,
    problems,
  };
}

// One exercise on a fresh sandbox: its checks must all fail, then pass once the solution is typed.
async function verifyExercise(agent: AgentRef, ex: ExerciseDef, interrupted: AbortSignal): Promise<Verified> {
  const started = Date.now();
  const id = `verify-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
  const problems: string[] = [];
  let failsFirst = false;
  let passesAfter = false;
  const onAgent = async (tasks: Parameters<typeof agentApi.runChecks>[2]['tasks']) =>
    (await agentApi.runChecks(agent, id, { node: ex.node, timeoutMs: CHECK_TIMEOUT_MS, tasks })).tasks;
  const live = ex.tasks.flatMap((t) =>
    t.answer?.kind === 'live' ? [{ id: t.id, from: t.answer.from }] : [],
  );
  try {
    await agentApi.createSandbox(agent, {
      id,
      owner: 'verify',
      nodes: [...ex.nodes],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    interrupted.throwIfAborted();
    const fresh = await checkExercise(ex, wrongAnswers(ex), onAgent);
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
    // What a learner who did the exercise would answer, read from the sandbox by the agent.
    const revealed = new Map<string, string>();
    if (live.length > 0) {
      const res = await agentApi.revealAnswers(agent, id, {
        node: ex.node,
        timeoutMs: CHECK_TIMEOUT_MS,
        sources: live,
      });
      for (const a of res.answers) {
        if (a.value !== undefined) revealed.set(a.id, a.value);
        else problems.push(`task ${a.id} has no value to answer after the solution: ${said(a.finding)}`);
      }
    }
    const after = await checkExercise(ex, rightAnswers(ex, revealed), onAgent);
    for (const t of after)
      if (!t.passed) problems.push(`task ${t.id} fails after the solution: ${t.message}`);
    passesAfter = after.every((t) => t.passed);
    // Live answers only: a near miss of the right value must fail too (static ones were proven before).
    if (live.length > 0) {
      const near = wrongAnswers(ex, revealed);
      const misses: TaskOutcome[] = await onAgent(
        live.map((t) => ({ id: t.id, probe: { from: t.from, answer: String(near.get(t.id)) } })),
      );
      for (const t of misses) if (t.passed) problems.push(`task ${t.id} passes with a wrong answer`);
      passesAfter &&= misses.every((t) => !t.passed);
    }
  } catch (e) {
    problems.push(e instanceof Error ? e.message : String(e));
  } finally {
    await agentApi
      .removeSandbox(agent, id)
      .catch((e: Error) => problems.push(`could not remove ${id}: ${e.message}`));
  }
  return { id: ex.id, failsFirst, passesAfter, seconds: (Date.now() - started) / 1000, problems };
}

function said(finding: Parameters<typeof renderCheckMessage>[0] | undefined): string {
  return finding ? renderCheckMessage(finding, 'en') : 'nothing read';
}
