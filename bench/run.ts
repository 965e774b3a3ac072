import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type ControlPlane, startControlPlane, waitForState } from '../test/support/control-plane-harness.ts';
import {
  benchSettings,
  childRows,
  docker,
  dockerEnv,
  median,
  pct,
  type Row,
  removeBenchObjects,
  startBareNode,
  startToPrompt,
  terminal,
  waitInnerDocker,
} from './bench-support.ts';

// `npm run bench`: Berth's hot paths beside the same operation done directly with the docker CLI,
// in the same run on the same machine. Writes bench/results.json and prints a table.

const { BERTH_BENCH_RUNS: runs, BERTH_BENCH_ONLY: only } = benchSettings;
const ALL_SECTIONS = ['cold', 'warm', 'terminal', 'images', 'density'];
const LESSON = 'networking/container-links';
const EXERCISE = 'networking/container-links/ping-by-name';

// Cold start, Berth vs bare: a sandbox through the API (POST → ready, and → first prompt over the terminal
// websocket) beside `docker run` of the same node image with only the flags Docker-in-Docker needs
// (until `docker info` answers inside, and until a login shell prints its prompt).
async function coldStart(cp: ControlPlane, cookie: string, runs: number) {
  const out = {
    ready: [] as number[],
    prompt: [] as number[],
    bareInfo: [] as number[],
    barePrompt: [] as number[],
  };
  const runId = `cold-${process.pid}`;
  try {
    for (let i = 0; i < runs; i++) {
      const r = await startToPrompt(cp, cookie, LESSON);
      out.ready.push(r.readyMs);
      out.prompt.push(r.ms);
      await cp.call('DELETE', `/api/sandboxes/${r.id}`, { cookie });

      const name = `bench-bare-${runId}-${i}`;
      const d0 = performance.now();
      await startBareNode(name, runId);
      await waitInnerDocker(name);
      out.bareInfo.push(performance.now() - d0);
      await docker(['exec', name, 'bash', '-lc', 'echo -n "# "']);
      out.barePrompt.push(performance.now() - d0);
      await removeBenchObjects(runId);
    }
  } finally {
    await removeBenchObjects(runId);
  }
  return out;
}

async function main(): Promise<void> {
  // `npm run bench -- classroom`: the class-at-once run, its own script (bench/classroom.ts).
  if (process.argv[2] === 'classroom') {
    const child = spawn('node', ['--import', 'tsx', 'bench/classroom.ts'], { stdio: 'inherit' });
    child.on('close', (code) => process.exit(code ?? 1));
    return;
  }
  const started = Date.now();
  console.log('Berth benchmark — starting the control plane (real Redis, SQLite, agent, engine)…');
  const cp = await startControlPlane();
  const rows: Row[] = [];
  try {
    const cookie = await cp.signIn('bench');
    if (only.has('cold')) {
      console.log(`• cold start ×${runs}`);
      const cold = await coldStart(cp, cookie, runs);
      rows.push(
        {
          metric: `sandbox cold start → ready (median of ${runs})`,
          berth: median(cold.ready),
          direct: median(cold.bareInfo),
          unit: 'ms',
          note: 'POST /api/sandboxes → state ready vs bare docker run of berth/node → inner docker info answers',
        },
        {
          metric: `sandbox cold start → first prompt (median of ${runs})`,
          berth: median(cold.prompt),
          direct: median(cold.barePrompt),
          unit: 'ms',
          note: 'POST → ready → terminal websocket → prompt vs the bare run + docker exec bash -l',
        },
      );
    }
    if (only.has('terminal')) await terminalRows(cp, cookie, rows);
  } finally {
    await cp.stop();
  }
  if (only.has('warm')) {
    console.log(`• warm claim ×${runs} (separate process, warm pool of one)`);
    rows.splice(
      only.has('cold') ? 2 : 0,
      0,
      ...(await section('warm', () => childRows('bench/warm-claim.ts'))),
    );
  }
  if (only.has('images')) {
    console.log(
      `• images: the shared store and docker pull from the mirror vs docker load ×${runs} (separate process)`,
    );
    rows.push(...(await childRows('bench/mirror-pull.ts')));
  }
  if (only.has('density')) {
    console.log(
      `• density: idle sandboxes in batches of ${benchSettings.BERTH_BENCH_DENSITY_BATCH} up to ${benchSettings.BERTH_BENCH_DENSITY_MAX} (separate process; minutes)`,
    );
    rows.push(...(await section('density', () => childRows('bench/density.ts'))));
  }

  const out = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      memGiB: Math.round(os.totalmem() / 2 ** 30),
      // The machine may be shared: the 1-minute load average at the end says how quiet it was.
      loadAvgAtEnd: os.loadavg()[0],
    },
    durationSec: Math.round((Date.now() - started) / 1000),
    settings: { runs, only: [...only] },
    failed,
    results: rows.map((r) => ({ ...r, ratio: ratio(r) })),
  };
  // A partial run (BERTH_BENCH_ONLY) must not replace the full results that the README quotes.
  const file =
    only.size === ALL_SECTIONS.length
      ? 'bench/results.json'
      : path.join(os.tmpdir(), 'berth-bench-partial.json');
  await fs.mkdir('bench', { recursive: true });
  // The classroom run (bench/classroom.ts) keeps its own part of the file.
  const classroom = await fs
    .readFile(file, 'utf8')
    .then((t) => (JSON.parse(t) as { classroom?: unknown }).classroom)
    .catch(() => undefined);
  await fs.writeFile(file, `${JSON.stringify({ ...out, ...(classroom ? { classroom } : {}) }, null, 2)}\n`);
  console.log('\n| metric | Berth | docker CLI | unit | Berth cost ×|');
  console.log('|---|---:|---:|---|---:|');
  for (const r of out.results)
    console.log(
      `| ${r.metric} | ${r.berth.toFixed(1)} | ${r.direct?.toFixed(1) ?? '—'} | ${r.unit} | ${r.ratio?.toFixed(2) ?? '—'} |`,
    );
  console.log(
    `\n(ratio: how many times costlier Berth is than the bare docker CLI; 1.00 = same)\nwritten to ${file}`,
  );
  if (failed.length) console.log(`FAILED sections: ${failed.join(', ')} (their rows are missing)`);
  process.exit(failed.length ? 1 : 0);
}

// A section that fails (its own process, its own cleanup) costs only its own rows, not the whole run.
const failed: string[] = [];
async function section(name: string, run: () => Promise<Row[]>): Promise<Row[]> {
  try {
    return await run();
  } catch (e) {
    console.error(`bench: section ${name} failed:`, e);
    failed.push(name);
    return [];
  }
}

// Check latency, keystroke echo and output throughput on one ready sandbox.
async function terminalRows(cp: ControlPlane, cookie: string, rows: Row[]): Promise<void> {
  const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } });
  await waitForState(cp, cookie, r.json.id, 'ready');
  const sandboxId: string = r.json.id;
  const node = cp.agent.manager.nodeContainer(sandboxId, 'node1');
  const nodeName = (await cp.agent.engine.inspectContainer(node))!.Name.replace(/^\//, '');
  await cp.agent.engine.exec(
    node,
    [
      'bash',
      '-lc',
      'docker network create my-net && docker run -dit --name busybox1 --network my-net busybox sh && docker run -dit --name busybox2 --network my-net busybox sh',
    ],
    { timeoutMs: 60_000 },
  );

  console.log(`• check latency ×${runs}`);
  const checkBerth: number[] = [];
  const checkDirect: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const res = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie,
      body: { exerciseId: EXERCISE },
    });
    if (!res.json.passed) throw new Error(`bench: check did not pass: ${JSON.stringify(res.json)}`);
    checkBerth.push(performance.now() - t0);
    const d0 = performance.now();
    await docker([
      'exec',
      nodeName,
      'sh',
      '-c',
      'docker network inspect my-net >/dev/null && docker inspect busybox1 busybox2 >/dev/null && docker exec busybox1 ping -c 1 -W 2 busybox2 >/dev/null && docker exec busybox2 ping -c 1 -W 2 busybox1 >/dev/null',
    ]);
    checkDirect.push(performance.now() - d0);
  }
  rows.push({
    metric: `check latency, 7 tasks (median of ${runs})`,
    berth: median(checkBerth),
    direct: median(checkDirect),
    unit: 'ms',
    note: 'POST …/checks vs one docker exec running the same inspections',
  });

  console.log('• keystroke echo ×200');
  const t = terminal(cp.openTerminal(cookie, sandboxId));
  await t.open;
  t.send({ type: 'hello', lastSeq: 0 });
  await t.waitFor(() => /# $/.test(t.text()));
  t.send({ type: 'input', data: 'stty -echoctl; cat >/dev/null\r' });
  await new Promise((res) => setTimeout(res, 500));
  const echo: number[] = [];
  for (let i = 0; i < 200; i++) {
    const ch = String.fromCharCode(97 + (i % 26));
    const before = t.text().length;
    const k0 = performance.now();
    t.send({ type: 'input', data: ch });
    await t.waitFor(() => t.text().length > before && t.text().slice(before).includes(ch), 5000);
    echo.push(performance.now() - k0);
  }
  t.send({ type: 'input', data: '\u0003' });
  const directEcho = await cliEcho(nodeName);
  rows.push({
    metric: 'keystroke echo, median (200 keys)',
    berth: median(echo),
    direct: median(directEcho),
    unit: 'ms',
    note: 'browser ws → gateway → agent → tty vs docker exec -i cat',
  });
  rows.push({
    metric: 'keystroke echo, p99 (200 keys)',
    berth: pct(echo, 99),
    direct: pct(directEcho, 99),
    unit: 'ms',
    note: '',
  });

  // Alternating Berth and the baseline, median of each: on a shared machine one run of either can
  // land in a busy second; alternating spreads the noise over both sides alike.
  console.log(`• output throughput 20 MB ×${runs}, alternating with docker exec -t`);
  await new Promise((res) => setTimeout(res, 300));
  const berthRates: number[] = [];
  const directRates: number[] = [];
  for (let i = 0; i < runs; i++) {
    const startBytes = t.bytes;
    const marker = `done-${Date.now()}`;
    const o0 = performance.now();
    t.send({ type: 'input', data: `yes | head -c 20M; echo ${marker.slice(0, 5)}""${marker.slice(5)}\r` });
    // Only the tail: scanning up to 1 MB of kept text per frame would cost the client, not Berth.
    await t.waitFor(() => t.text().slice(-4096).includes(marker), 300_000);
    berthRates.push((t.bytes - startBytes) / 1e6 / ((performance.now() - o0) / 1000));
    const d0 = performance.now();
    const d = await docker(['exec', '-t', nodeName, 'sh', '-c', 'yes | head -c 20M'], { discard: true });
    directRates.push(d.bytes / 1e6 / ((performance.now() - d0) / 1000));
  }
  rows.push({
    metric: `terminal output throughput (yes | head -c 20M, median of ${runs})`,
    berth: median(berthRates),
    direct: median(directRates),
    unit: 'MB/s',
    note: 'through the websocket protocol vs docker exec -t (same TTY path), runs alternating',
  });
  await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie });
}

// How many times costlier Berth is than the baseline (1.00 = same); for throughput, slower = lower.
function ratio(r: Row): number | null {
  if (r.direct === null || r.direct === 0) return null;
  return r.unit === 'MB/s' ? r.direct / r.berth : r.berth / r.direct;
}

async function cliEcho(nodeName: string): Promise<number[]> {
  const child = spawn('docker', ['exec', '-i', nodeName, 'cat'], {
    env: dockerEnv,
    stdio: ['pipe', 'pipe', 'ignore'],
  });
  let got = '';
  child.stdout.on('data', (d) => {
    got += d;
  });
  const times: number[] = [];
  await new Promise((r) => setTimeout(r, 500));
  for (let i = 0; i < 200; i++) {
    const before = got.length;
    const k0 = performance.now();
    child.stdin.write(`${String.fromCharCode(97 + (i % 26))}\n`);
    while (got.length <= before) await new Promise((r) => setImmediate(r));
    times.push(performance.now() - k0);
  }
  child.stdin.end();
  return times;
}

main().catch((e) => {
  console.error('bench failed:', e);
  process.exit(1);
});
