import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import type WebSocket from 'ws';
import { z } from 'zod';
import { agentConfig } from '../sandbox-agent/src/config.ts';
import type { ControlPlane } from '../test/support/control-plane-harness.ts';

// Shared by the benchmark scripts: the docker CLI on the sandbox engine, a terminal client, statistics.
export const dockerEnv = { ...process.env, DOCKER_HOST: `unix://${agentConfig().BERTH_ENGINE_SOCKET}` };

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

export function docker(
  args: string[],
  opts: { stdin?: string; discard?: boolean } = {},
): Promise<{ code: number; out: string; bytes: number }> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { env: dockerEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
      if (!opts.discard) out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.stdin.on('error', () => {});
    child.on('close', (code) => resolve({ code: code ?? 1, out, bytes }));
    child.stdin.end(opts.stdin ?? '');
  });
}

export function terminal(ws: WebSocket) {
  let text = '';
  let bytes = 0;
  const waiters: Array<() => void> = [];
  ws.on('message', (m) => {
    const f = JSON.parse(m.toString());
    if (f.type === 'data') {
      text += f.data;
      bytes += f.data.length;
      if (text.length > 1_000_000) text = text.slice(-100_000);
      for (const w of waiters.splice(0)) w();
    }
  });
  return {
    open: new Promise<void>((r) => ws.once('open', () => r())),
    send: (f: unknown) => ws.send(JSON.stringify(f)),
    get bytes() {
      return bytes;
    },
    text: () => text,
    async waitFor(pred: () => boolean, ms = 60_000) {
      const deadline = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error(`bench: timed out; terminal shows ${text.slice(-200)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 20);
        });
      }
    },
  };
}

// Knobs of `npm run bench`, from the environment (see README "Benchmarks").
export const benchSettings = z
  .object({
    BERTH_BENCH_RUNS: z.coerce.number().int().min(1).max(50).default(5),
    BERTH_BENCH_DENSITY_MAX: z.coerce.number().int().min(1).max(500).default(40),
    BERTH_BENCH_DENSITY_BATCH: z.coerce.number().int().min(1).max(20).default(4),
    BERTH_BENCH_ONLY: z
      .string()
      .default('cold,warm,terminal,images,density')
      .transform((s) => new Set(s.split(',').map((x) => x.trim())))
      .refine((set) => [...set].every((x) => ['cold', 'warm', 'terminal', 'images', 'density'].includes(x)), {
        error: 'BERTH_BENCH_ONLY: a comma-separated list of cold, warm, terminal, images, density',
      }),
  })
  .parse(process.env);

export interface Row {
  metric: string;
  berth: number;
  /** The same thing done with the plain docker CLI in the same run; null where there is no such baseline. */
  direct: number | null;
  unit: string;
  note: string;
}

// Runs one bench script as its own process (config is read once per process) and returns the rows it
// prints as JSON on its last stdout line.
export async function childRows(script: string, env: Record<string, string> = {}): Promise<Row[]> {
  const out = await new Promise<string>((resolve, reject) => {
    const child = spawn('node', ['--import', 'tsx', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...env },
    });
    let text = '';
    child.stdout.on('data', (d) => {
      text += d;
    });
    child.on('close', (code) => (code === 0 ? resolve(text) : reject(new Error(`${script} exited ${code}`))));
  });
  return JSON.parse(out.trim().split('\n').at(-1) ?? '[]') as Row[];
}

// ---- Bare node containers: the raw baseline for sandbox starts and idle memory ----

// Every bench object on the engine carries this label, so a run removes exactly its own leftovers.
export const BENCH_LABEL = 'berth.bench';

// The same node image, started with only what Docker-in-Docker needs on the userns-remapped sandbox engine:
// a private cgroup namespace, SYS_ADMIN + NET_ADMIN on top of Docker's default capabilities, no
// AppArmor/seccomp/masked paths, a tmpfs /run and a volume for the inner /var/lib/docker (overlay2 needs a
// real filesystem below it); the image is the agent's (BERTH_NODE_IMAGE). No Berth disk, parent cgroup, read-only root, network or limits.
export async function startBareNode(name: string, runId: string): Promise<string> {
  const label = `${BENCH_LABEL}=${runId}`;
  const vol = await docker(['volume', 'create', '--label', label, `${name}-docker`]);
  if (vol.code !== 0) throw new Error(`bench: volume create: ${vol.out}`);
  const run = await docker([
    'run',
    '-d',
    '--name',
    name,
    '--label',
    label,
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
    '-v',
    `${name}-docker:/var/lib/docker`,
    agentConfig().BERTH_NODE_IMAGE,
  ]);
  if (run.code !== 0) throw new Error(`bench: docker run: ${run.out}`);
  // The output also carries the engine's warnings (e.g. about IPv4 forwarding); the id is the 64-hex line.
  const cid = /^[0-9a-f]{64}$/m.exec(run.out)?.[0];
  if (!cid) throw new Error(`bench: docker run printed no container id: ${run.out}`);
  // cgroup v1 + userns: the inner dockerd can create child cgroups only in directories its root owns. This is
  // what the node's entry script waits for (the agent does the same in node-cgroups.ts).
  const rootUid = 100000;
  for (const dir of await fs.readdir('/sys/fs/cgroup').catch(() => [] as string[])) {
    const cg = path.join('/sys/fs/cgroup', dir, 'berth', cid);
    for (const f of ['', 'cgroup.procs', 'tasks', 'cgroup.clone_children'])
      await fs.chown(path.join(cg, f), rootUid, rootUid).catch(() => {});
  }
  await docker(['exec', name, 'touch', '/run/berth-cgroups-ready']);
  return cid;
}

// Polls until the inner engine answers `docker info` with its id. (With --format, `docker info` exits 0
// even when the daemon is not up yet — it prints "Cannot connect" and an empty id — so the exit code
// alone would time the first `docker exec`, not the engine.)
export async function waitInnerDocker(name: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  const answers = async () => {
    const r = await docker(['exec', name, 'docker', 'info', '--format', 'id={{.ID}}']);
    return r.code === 0 && /^id=\S+$/m.test(r.out);
  };
  while (!(await answers())) {
    if (Date.now() > deadline)
      throw new Error(
        `bench: ${name}: inner docker never answered: ${(await docker(['logs', '--tail', '5', name])).out}`,
      );
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Removes every container and volume this run labelled (also after a failure half-way).
export async function removeBenchObjects(runId: string): Promise<void> {
  const filter = `label=${BENCH_LABEL}=${runId}`;
  const ids = (await docker(['ps', '-aq', '--filter', filter])).out.split('\n').filter(Boolean);
  if (ids.length) await docker(['rm', '-f', '-v', ...ids]);
  const vols = (await docker(['volume', 'ls', '-q', '--filter', filter])).out.split('\n').filter(Boolean);
  if (vols.length) await docker(['volume', 'rm', '-f', ...vols]);
}

// cgroup v1 memory of one cgroup (path below the memory hierarchy): usage (what the limit counts, page
// cache included) and rss (anonymous memory of its processes, what cannot be reclaimed).
export async function cgroupMemory(cgroup: string): Promise<{ usage: number; rss: number } | undefined> {
  const dir = path.join('/sys/fs/cgroup/memory', cgroup);
  try {
    const usage = Number(await fs.readFile(path.join(dir, 'memory.usage_in_bytes'), 'utf8'));
    const stat = await fs.readFile(path.join(dir, 'memory.stat'), 'utf8');
    const rss = Number(/^total_rss (\d+)$/m.exec(stat)?.[1] ?? 0);
    return { usage, rss };
  } catch {
    return undefined;
  }
}

export async function memAvailable(): Promise<number> {
  const text = await fs.readFile('/proc/meminfo', 'utf8');
  return Number(/^MemAvailable:\s+(\d+) kB$/m.exec(text)?.[1] ?? 0) * 1024;
}

export const MiB = 1024 * 1024;

// Until the sandbox is ready, asking as the lesson page does (components/session/use-sandbox-lifecycle.ts):
// GET …?waitMs, which the server answers as soon as the sandbox is ready.
export async function waitReady(cp: ControlPlane, cookie: string, id: string, state: string): Promise<void> {
  const deadline = Date.now() + 300_000;
  while (state !== 'ready') {
    if (state === 'failed' || Date.now() > deadline) throw new Error(`bench: sandbox ${id} is ${state}`);
    state = (await cp.call('GET', `/api/sandboxes/${id}?waitMs=10000`, { cookie })).json?.state;
  }
}

// POST /api/sandboxes → ready → terminal websocket → first prompt, as a learner's page does it.
export async function startToPrompt(
  cp: ControlPlane,
  cookie: string,
  lessonId: string,
): Promise<{ id: string; ms: number; readyMs: number }> {
  const t0 = performance.now();
  const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId } });
  if (r.status !== 201)
    throw new Error(`bench: POST /api/sandboxes answered ${r.status} ${JSON.stringify(r.json)}`);
  await waitReady(cp, cookie, r.json.id, r.json.state);
  const readyMs = performance.now() - t0;
  const t = terminal(cp.openTerminal(cookie, r.json.id));
  await t.open;
  t.send({ type: 'hello', lastSeq: 0 });
  await t.waitFor(() => /# $/.test(t.text()));
  return { id: r.json.id, ms: performance.now() - t0, readyMs };
}
