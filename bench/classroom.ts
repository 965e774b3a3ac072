import fs from 'node:fs/promises';
import os from 'node:os';
import { z } from 'zod';
import { startControlPlane } from '../test/support/control-plane-harness.ts';
import { removeBenchObjects, startBareNode, waitInnerDocker } from './bench-support.ts';
import { classroomSummary, runClassroom } from './classroom-run.ts';

// `npm run bench -- classroom`: a class of BERTH_BENCH_LEARNERS (default 30) on this machine with Berth's
// default settings (a warm pool of 2; BERTH_BENCH_PREWARM=N pre-warms N for the class first), see
// bench/classroom-run.ts; then the same number of bare `docker run`s of the node image at once (what the
// cores allow without Berth). Prints a summary and stores it as `classroom` in bench/results.json beside
// the other benches' rows.

const settings = z
  .object({
    BERTH_BENCH_LEARNERS: z.coerce.number().int().min(1).max(200).default(30),
    BERTH_BENCH_KEYS: z.coerce.number().int().min(5).max(1000).default(60),
    BERTH_BENCH_KEY_INTERVAL_MS: z.coerce.number().int().min(0).max(2000).default(100),
    BERTH_BENCH_BARE: z.enum(['0', '1']).default('1'),
    BERTH_BENCH_PREWARM: z.coerce.number().int().min(0).max(200).default(0),
  })
  .parse(process.env);

const RESULTS = 'bench/results.json';
const log = (s: string) => console.log(`• ${s}`);

async function main(): Promise<void> {
  const started = Date.now();
  const loadBefore = os.loadavg()[0] ?? 0;
  console.log(`Berth classroom benchmark — ${settings.BERTH_BENCH_LEARNERS} learners, default settings`);
  // Berth's defaults, the warm pool included (the test harness turns it off unless asked), filled as on a
  // server that was up before the class came in.
  const poolSize = process.env.BERTH_WARM_POOL_SIZE ?? '2';
  const cp = await startControlPlane({ BERTH_WARM_POOL_SIZE: poolSize });
  await waitForPool(Number(poolSize));
  let summary: ReturnType<typeof classroomSummary>;
  try {
    summary = classroomSummary(
      await runClassroom(cp, {
        learners: settings.BERTH_BENCH_LEARNERS,
        keys: settings.BERTH_BENCH_KEYS,
        keyIntervalMs: settings.BERTH_BENCH_KEY_INTERVAL_MS,
        prewarm: settings.BERTH_BENCH_PREWARM,
        log,
      }),
    );
  } finally {
    await cp.stop();
  }
  const bare = settings.BERTH_BENCH_BARE === '1' ? await bareAtOnce(settings.BERTH_BENCH_LEARNERS) : null;
  const out = {
    date: new Date().toISOString(),
    durationSec: Math.round((Date.now() - started) / 1000),
    // The machine may be shared: the 1-minute load average before and after says how quiet it was.
    loadAvg: { before: loadBefore, after: os.loadavg()[0] ?? 0 },
    settings: { ...settings, BERTH_WARM_POOL_SIZE: Number(poolSize) },
    ...summary,
    bareAtOnce: bare,
  };
  const existing = await fs
    .readFile(RESULTS, 'utf8')
    .then((t) => JSON.parse(t) as Record<string, unknown>)
    .catch(() => ({}));
  await fs.writeFile(RESULTS, `${JSON.stringify({ ...existing, classroom: out }, null, 2)}\n`);

  const ms = (x: number) => `${Math.round(x)} ms`;
  const h = summary.host;
  console.log(`
| ${summary.learners} learners at once | p50 | max / p99 |
|---|---:|---:|
| start: POST → prompt | ${ms(summary.startP50Ms)} | ${ms(summary.startMaxMs)} |
| start: POST → ready | ${ms(summary.readyP50Ms)} | ${ms(summary.readyMaxMs)} |
| check (7 tasks, all at once) | ${ms(summary.checkP50Ms)} | ${ms(summary.checkMaxMs)} |
| keystroke echo, all typing | ${summary.echoAllP50Ms.toFixed(1)} ms | ${summary.echoAllP99Ms.toFixed(1)} ms |
| keystroke echo, one alone | ${summary.echoAloneP50Ms.toFixed(1)} ms | ${summary.echoAloneP99Ms.toFixed(1)} ms |

all started in ${ms(summary.allStartedMs)}${bare ? `; ${summary.learners} bare docker runs of the node at once: all engines answering in ${ms(bare.allMs)} (Berth ÷ bare ${(summary.allStartedMs / bare.allMs).toFixed(2)})` : ''}
passed: ${summary.passed}/${summary.learners}${summary.failures.length ? `\n${summary.failures.join('\n')}` : ''}
host (${h.cores} cores, ${h.memGiB} GiB): CPU avg/max start ${h.start.cpuAvg.toFixed(0)}/${h.start.cpuMax.toFixed(0)} %, typing ${h.type.cpuAvg.toFixed(0)}/${h.type.cpuMax.toFixed(0)} %, checks ${h.check.cpuAvg.toFixed(0)}/${h.check.cpuMax.toFixed(0)} %; memory in use at most ${Math.max(h.start.memUsedMaxGiB, h.type.memUsedMaxGiB, h.check.memUsedMaxGiB).toFixed(1)} GiB
load average ${out.loadAvg.before.toFixed(1)} → ${out.loadAvg.after.toFixed(1)}; written to ${RESULTS} (classroom)`);
  process.exit(summary.allPassed ? 0 : 1);
}

async function waitForPool(size: number): Promise<void> {
  const { db } = await import('../server/db/client.ts');
  const { POOL_USER_ID } = await import('../server/sandboxes/warm-pool.ts');
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const ready = await db().sandbox.count({
      where: { userId: POOL_USER_ID, prewarmClassroomId: null, state: 'ready' },
    });
    if (ready >= size) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('bench: the warm pool never filled');
}

// N bare node containers started at once on the sandbox engine, until each inner engine answers: the same
// work without Berth, so the machine's own limit shows.
async function bareAtOnce(n: number): Promise<{ allMs: number; p50Ms: number }> {
  log(`${n} bare docker runs of the node image at once`);
  const runId = `classroom-bare-${process.pid}`;
  const times: number[] = [];
  const t0 = performance.now();
  try {
    await Promise.all(
      Array.from({ length: n }, async (_, i) => {
        const name = `bench-bare-${runId}-${i}`;
        await startBareNode(name, runId);
        await waitInnerDocker(name, 300_000);
        times.push(performance.now() - t0);
      }),
    );
    return { allMs: performance.now() - t0, p50Ms: times.sort((a, b) => a - b)[Math.floor(n / 2)]! };
  } finally {
    await removeBenchObjects(runId);
  }
}

main().catch((e) => {
  console.error('classroom bench failed:', e);
  process.exit(1);
});
