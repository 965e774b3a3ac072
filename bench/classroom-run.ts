import fs from 'node:fs/promises';
import os from 'node:os';
import { typeInTerminal } from '../cli/terminal-typist.ts';
import { createTestClassroom, joinAsLearner, signInInstructor } from '../test/support/classroom-people.ts';
import type { ControlPlane } from '../test/support/control-plane-harness.ts';
import { median, pct, terminal, waitReady } from './bench-support.ts';

// A class at once through the real HTTP API and terminal websocket, as N learners' pages would do it: an
// instructor makes a classroom, N learners join by code, then all start a sandbox at once (POST → ready →
// terminal → prompt), all type at once (keystroke echo), and all type the container-links solution and
// check at once. Used by `npm run bench -- classroom` (bench/classroom.ts) and its integration test.

export const CLASS_LESSON = 'networking/container-links';
export const CLASS_EXERCISE = 'networking/container-links/ping-by-name';

export interface ClassroomRun {
  learners: number;
  /** POST /api/sandboxes → state ready, per learner (ms). */
  readyMs: number[];
  /** POST → the first prompt on the terminal websocket, per learner (ms). */
  startMs: number[];
  /** From the first POST until every learner had a prompt (ms). */
  allStartedMs: number;
  /** Keystroke → its echo, every key of every learner while all type at once (ms). */
  echoAllMs: number[];
  /** The same for one learner typing alone. */
  echoAloneMs: number[];
  /** Typing the solution (a learner's pace, line by line at each prompt) per learner (ms). */
  solutionMs: number[];
  /** POST …/checks of the exercise, all at once once everyone has typed the solution, per learner (ms). */
  checkMs: number[];
  passed: number;
  failures: string[];
  /** With a pre-warm: from the instructor's request until all were ready (ms). */
  prewarmMs: number | null;
  /** Host CPU busy (all cores, %) and memory in use (GiB) sampled every 500 ms, per phase. */
  host: Record<'start' | 'type' | 'check', { cpuAvg: number; cpuMax: number; memUsedMaxGiB: number }>;
}

export async function runClassroom(
  cp: ControlPlane,
  opts: {
    learners: number;
    keys: number;
    keyIntervalMs: number;
    /** Sandboxes the instructor pre-warms for the class before it starts (POST …/prewarm), 0 = none. */
    prewarm?: number;
    log?: (s: string) => void;
  },
): Promise<ClassroomRun> {
  const log = opts.log ?? (() => {});
  const instructor = await signInInstructor(cp, `bench-${process.pid}-${Date.now()}@example.org`);
  const { id: classroomId, joinCode } = await createTestClassroom(cp, instructor, [CLASS_LESSON]);
  const people = await Promise.all(
    Array.from({ length: opts.learners }, (_, i) => joinAsLearner(cp, joinCode, `Learner ${i + 1}`)),
  );
  let prewarmMs: number | null = null;
  if (opts.prewarm) {
    const p0 = performance.now();
    log(`the instructor pre-warms ${opts.prewarm} sandboxes and waits until they are ready`);
    await cp.call('POST', `/api/classrooms/${classroomId}/prewarm`, {
      cookie: instructor,
      body: { count: opts.prewarm },
    });
    const deadline = Date.now() + 600_000;
    while (
      (await cp.call('GET', `/api/classrooms/${classroomId}/prewarm`, { cookie: instructor })).json.ready <
      opts.prewarm
    ) {
      if (Date.now() > deadline) throw new Error('bench: the pre-warmed sandboxes never all became ready');
      await new Promise((r) => setTimeout(r, 1000));
    }
    prewarmMs = performance.now() - p0;
  }
  const host = new HostSampler();
  const failures: string[] = [];
  const sandboxes: (string | undefined)[] = [];
  try {
    // 1. Everyone starts at once.
    log(`${opts.learners} learners start a sandbox at once`);
    host.phase('start');
    const t0 = performance.now();
    const started = await Promise.all(
      people.map(async (p, i) => {
        const s = await startToPromptOf(cp, p.cookie);
        sandboxes[i] = s.id;
        return s;
      }),
    );
    const allStartedMs = performance.now() - t0;

    // 2. Everyone types at once, then one alone.
    log(`all type ${opts.keys} keys at once, one key every ${opts.keyIntervalMs} ms`);
    host.phase('type');
    const echoAllMs = (
      await Promise.all(started.map((s) => typeKeys(s.term, opts.keys, opts.keyIntervalMs)))
    ).flat();
    log('one learner types alone');
    const echoAloneMs = await typeKeys(started[0]!.term, opts.keys, opts.keyIntervalMs);
    for (const s of started) s.close();

    // 3. Everyone types the solution at once, then everyone checks at once.
    log('all type the container-links solution and check at once');
    host.phase('check');
    const { loadCourse } = await import('../server/lessons/load-course.ts');
    const exercise = (await loadCourse()).exercises.get(CLASS_EXERCISE);
    if (!exercise?.solution) throw new Error(`bench: ${CLASS_EXERCISE} has no solution`);
    const solution = exercise.solution;
    const solutionMs = await Promise.all(
      people.map(async (p, i) => {
        const s0 = performance.now();
        const typed = await typeInTerminal(cp.openTerminal(p.cookie, sandboxes[i]!), solution, {
          timeoutMs: 180_000,
        });
        if (typed.failed)
          failures.push(`Learner ${i + 1}: ${typed.failed} command(s) of the solution failed`);
        return performance.now() - s0;
      }),
    );
    const results = await Promise.all(
      people.map(async (p, i) => {
        const c0 = performance.now();
        const check = await cp.call('POST', `/api/sandboxes/${sandboxes[i]}/checks`, {
          cookie: p.cookie,
          body: { exerciseId: CLASS_EXERCISE },
        });
        const checkMs = performance.now() - c0;
        const passed = check.status === 200 && check.json.passed === true;
        if (!passed)
          failures.push(
            `Learner ${i + 1}: check ${check.status} ${JSON.stringify(check.json).slice(0, 300)}`,
          );
        return { checkMs, passed };
      }),
    );
    host.stop();
    return {
      learners: opts.learners,
      readyMs: started.map((s) => s.readyMs),
      startMs: started.map((s) => s.promptMs),
      allStartedMs,
      echoAllMs,
      echoAloneMs,
      solutionMs,
      checkMs: results.map((r) => r.checkMs),
      passed: results.filter((r) => r.passed).length,
      failures,
      prewarmMs,
      host: host.summary(),
    };
  } finally {
    host.stop();
    await Promise.all(
      people.map((p, i) =>
        sandboxes[i] ? cp.call('DELETE', `/api/sandboxes/${sandboxes[i]}`, { cookie: p.cookie }) : undefined,
      ),
    );
  }
}

// POST → ready (asked as the lesson page asks) → prompt.
async function startToPromptOf(cp: ControlPlane, cookie: string) {
  const t0 = performance.now();
  const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: CLASS_LESSON } });
  if (r.status !== 201)
    throw new Error(`bench: POST /api/sandboxes answered ${r.status} ${JSON.stringify(r.json)}`);
  const id: string = r.json.id;
  await waitReady(cp, cookie, id, r.json.state);
  const readyMs = performance.now() - t0;
  const ws = cp.openTerminal(cookie, id);
  const term = terminal(ws);
  await term.open;
  term.send({ type: 'hello', lastSeq: 0 });
  await term.waitFor(() => /# $/.test(term.text()), 120_000);
  return { id, readyMs, promptMs: performance.now() - t0, term, close: () => ws.close() };
}

// Keys into `cat` (the terminal echoes them): each key's time until its echo comes back.
async function typeKeys(
  term: ReturnType<typeof terminal>,
  keys: number,
  intervalMs: number,
): Promise<number[]> {
  term.send({ type: 'input', data: 'stty -echoctl; cat >/dev/null\r' });
  await new Promise((r) => setTimeout(r, 500));
  const times: number[] = [];
  for (let i = 0; i < keys; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const before = term.text().length;
    const k0 = performance.now();
    term.send({ type: 'input', data: ch });
    await term.waitFor(() => term.text().length > before && term.text().slice(before).includes(ch), 30_000);
    const ms = performance.now() - k0;
    times.push(ms);
    if (ms < intervalMs) await new Promise((r) => setTimeout(r, intervalMs - ms));
  }
  // Ctrl-C ends cat; wait for the prompt so the next command meets a shell.
  const before = term.text().length;
  term.send({ type: 'input', data: '\u0003' });
  await term.waitFor(() => /# $/.test(term.text().slice(before)), 30_000);
  return times;
}

// Host CPU (from /proc/stat) and memory in use (MemTotal − MemAvailable), sampled every 500 ms and kept
// per phase of the run.
class HostSampler {
  private current: keyof ClassroomRun['host'] | undefined;
  private readonly samples: Record<string, { cpu: number[]; mem: number[] }> = {};
  private last = readCpu();
  private readonly timer = setInterval(() => void this.sample(), 500);

  phase(name: keyof ClassroomRun['host']): void {
    this.current = name;
    this.samples[name] = { cpu: [], mem: [] };
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async sample(): Promise<void> {
    const now = await readCpu();
    const prev = await this.last;
    this.last = Promise.resolve(now);
    if (!this.current) return;
    const busy = now.busy - prev.busy;
    const total = now.total - prev.total;
    const mem = await fs.readFile('/proc/meminfo', 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB$`, 'm').exec(mem)?.[1] ?? 0);
    const s = this.samples[this.current]!;
    if (total > 0) s.cpu.push((100 * busy) / total);
    s.mem.push(((kb('MemTotal') - kb('MemAvailable')) * 1024) / 2 ** 30);
  }

  summary(): ClassroomRun['host'] {
    const of = (name: string) => {
      const s = this.samples[name] ?? { cpu: [], mem: [] };
      return {
        cpuAvg: s.cpu.length ? s.cpu.reduce((a, b) => a + b, 0) / s.cpu.length : 0,
        cpuMax: s.cpu.length ? Math.max(...s.cpu) : 0,
        memUsedMaxGiB: s.mem.length ? Math.max(...s.mem) : 0,
      };
    };
    return { start: of('start'), type: of('type'), check: of('check') };
  }
}

async function readCpu(): Promise<{ busy: number; total: number }> {
  const line = (await fs.readFile('/proc/stat', 'utf8')).split('\n')[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total };
}

export function classroomSummary(r: ClassroomRun) {
  return {
    learners: r.learners,
    allPassed: r.passed === r.learners,
    passed: r.passed,
    startP50Ms: median(r.startMs),
    startMaxMs: Math.max(...r.startMs),
    readyP50Ms: median(r.readyMs),
    readyMaxMs: Math.max(...r.readyMs),
    allStartedMs: r.allStartedMs,
    prewarmMs: r.prewarmMs,
    checkP50Ms: median(r.checkMs),
    checkMaxMs: Math.max(...r.checkMs),
    solutionP50Ms: median(r.solutionMs),
    echoAllP50Ms: median(r.echoAllMs),
    echoAllP99Ms: pct(r.echoAllMs, 99),
    echoAloneP50Ms: median(r.echoAloneMs),
    echoAloneP99Ms: pct(r.echoAloneMs, 99),
    host: { cores: os.cpus().length, memGiB: Math.round(os.totalmem() / 2 ** 30), ...r.host },
    failures: r.failures,
    perLearner: { startMs: r.startMs.map(Math.round), checkMs: r.checkMs.map(Math.round) },
  };
}
