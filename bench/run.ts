import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  createSandboxDisk,
  nodeDirs,
  removeSandboxDisk,
} from '../sandbox-agent/src/sandboxes/sandbox-disk.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../test/support/control-plane-harness.ts';
import { docker, dockerEnv, median, pct, type Row, startToPrompt, terminal } from './bench-support.ts';

// `npm run bench`: Berth's hot paths beside the same operation done directly with the docker CLI,
// in the same run on the same machine. Writes bench/results.json and prints a table.

const BENCH_DISKS = '/var/lib/berth/bench-disks';
const LESSON = 'networking/container-links';
const EXERCISE = 'networking/container-links/ping-by-name';

async function coldStart(cp: ControlPlane, cookie: string): Promise<{ berth: number[]; direct: number[] }> {
  const berth: number[] = [];
  const direct: number[] = [];
  for (let i = 0; i < 5; i++) {
    // Berth: POST → ready → websocket → first prompt.
    const r = await startToPrompt(cp, cookie, LESSON);
    berth.push(r.ms);
    await cp.call('DELETE', `/api/sandboxes/${r.id}`, { cookie });

    // Direct: the same node image with the docker CLI until its inner engine answers and a shell prompts.
    const name = `bench-direct-${process.pid}-${i}`;
    // Same disk setup as Berth's (overlay2 inside needs a real filesystem under /var/lib/docker).
    const disk = await createSandboxDisk({
      sandboxesDir: BENCH_DISKS,
      sandboxId: name,
      sizeMb: 4096,
      nodes: ['n'],
      rootUid: 100000,
    });
    const dirs = nodeDirs(disk, 'n');
    const d0 = performance.now();
    const run = await docker([
      'run',
      '-d',
      '--name',
      name,
      '--init',
      '--cgroupns',
      'private',
      '--cap-add',
      'SYS_ADMIN',
      '--cap-add',
      'NET_ADMIN',
      '--security-opt',
      'apparmor=unconfined',
      '--security-opt',
      'seccomp=unconfined',
      '--security-opt',
      'systempaths=unconfined',
      '--tmpfs',
      '/run',
      '--tmpfs',
      '/etc/docker',
      '-v',
      `${dirs.docker}:/var/lib/docker`,
      '-v',
      `${dirs.home}:/root`,
      '--network',
      'none',
      'berth/node:latest',
    ]);
    if (run.code !== 0) throw new Error(run.out);
    const cid = run.out.trim();
    for (const dir of await fs.readdir('/sys/fs/cgroup')) {
      const cg = path.join('/sys/fs/cgroup', dir, 'berth', cid);
      for (const f of ['', 'cgroup.procs', 'tasks', 'cgroup.clone_children'])
        await fs.chown(path.join(cg, f), 100000, 100000).catch(() => {});
    }
    await docker(['exec', name, 'touch', '/run/berth-cgroups-ready']);
    const deadline = Date.now() + 60_000;
    while ((await docker(['exec', name, 'test', '-e', '/run/berth-node-ready'])).code !== 0) {
      if (Date.now() > deadline)
        throw new Error(
          `bench: direct node never got ready: ${(await docker(['logs', '--tail', '5', name])).out}`,
        );
      await new Promise((r) => setTimeout(r, 100));
    }
    await docker(['exec', name, 'bash', '-lc', 'echo -n "# "']);
    direct.push(performance.now() - d0);
    await docker(['rm', '-f', '-v', name]);
    await removeSandboxDisk(BENCH_DISKS, name);
  }
  return { berth, direct };
}

async function main(): Promise<void> {
  const started = Date.now();
  console.log('Berth benchmark — starting the control plane (real Redis, SQLite, agent, engine)…');
  const cp = await startControlPlane();
  const rows: Row[] = [];
  try {
    const cookie = await cp.signIn('bench');
    console.log('• cold start ×5');
    const cold = await coldStart(cp, cookie);
    rows.push({
      metric: 'sandbox cold start → first prompt (median of 5)',
      berth: median(cold.berth),
      direct: median(cold.direct),
      unit: 'ms',
      note: 'POST /api/sandboxes → ws prompt vs docker run + inner docker info',
    });

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

    console.log('• check latency ×5');
    const checkBerth: number[] = [];
    const checkDirect: number[] = [];
    for (let i = 0; i < 5; i++) {
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
      metric: 'check latency, 7 tasks (median of 5)',
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

    console.log('• output throughput 50 MB');
    await new Promise((res) => setTimeout(res, 300));
    const startBytes = t.bytes;
    const marker = `done-${Date.now()}`;
    const o0 = performance.now();
    t.send({ type: 'input', data: `yes | head -c 50M; echo ${marker.slice(0, 5)}""${marker.slice(5)}\r` });
    await t.waitFor(() => t.text().includes(marker), 300_000);
    const secs = (performance.now() - o0) / 1000;
    const berthMBs = (t.bytes - startBytes) / 1e6 / secs;
    const d0 = performance.now();
    const d = await docker(['exec', '-t', nodeName, 'sh', '-c', 'yes | head -c 50M'], { discard: true });
    const directMBs = d.bytes / 1e6 / ((performance.now() - d0) / 1000);
    rows.push({
      metric: 'terminal output throughput (yes | head -c 50M)',
      berth: berthMBs,
      direct: directMBs,
      unit: 'MB/s',
      note: 'through the websocket protocol vs docker exec -t (same TTY path)',
    });
  } finally {
    await cp.stop();
  }
  console.log('• warm claim ×5 (separate process, warm pool of one)');
  rows.splice(1, 0, ...(await warmClaimRows()));

  const out = {
    date: new Date().toISOString(),
    machine: {
      cpus: (await import('node:os')).cpus().length,
      memGiB: Math.round((await import('node:os')).totalmem() / 2 ** 30),
    },
    durationSec: Math.round((Date.now() - started) / 1000),
    results: rows.map((r) => ({ ...r, ratio: r.unit === 'MB/s' ? r.direct / r.berth : r.berth / r.direct })),
  };
  await fs.mkdir('bench', { recursive: true });
  await fs.writeFile('bench/results.json', `${JSON.stringify(out, null, 2)}\n`);
  console.log('\n| metric | Berth | docker CLI | unit | Berth cost ×|');
  console.log('|---|---:|---:|---|---:|');
  for (const r of out.results)
    console.log(
      `| ${r.metric} | ${r.berth.toFixed(1)} | ${r.direct.toFixed(1)} | ${r.unit} | ${r.ratio.toFixed(2)} |`,
    );
  console.log(
    '\n(ratio: how many times slower Berth is than the direct docker CLI; 1.00 = same)\nwritten to bench/results.json',
  );
  process.exit(0);
}

async function warmClaimRows(): Promise<Row[]> {
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', 'bench/warm-claim.ts'], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
    });
    child.on('close', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`warm-claim bench exited ${code}`)),
    );
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as Row[];
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
