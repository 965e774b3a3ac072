import { spawn } from 'node:child_process';
import type { Engine } from '../sandbox-agent/src/docker/engine.ts';
import type { SandboxManager } from '../sandbox-agent/src/sandboxes/sandbox-manager.ts';
import { removeAllSandboxesOfAgent } from '../test/support/remove-agent-sandboxes.ts';
import { startAgentHarness } from '../test/support/sandbox-agent-harness.ts';
import {
  benchSettings,
  cgroupMemory,
  docker,
  dockerEnv,
  MiB,
  median,
  memAvailable,
  type Row,
  removeBenchObjects,
  startBareNode,
  waitInnerDocker,
} from './bench-support.ts';

// Run as its own process by bench/run.ts: how many idle sandboxes this machine holds while each one still
// runs `docker run --rm busybox true` within 5 s, and what an idle sandbox costs in memory — beside bare
// node containers (`docker run` of the same image). Prints its rows as JSON on the last stdout line.

const PROBE_LIMIT_MS = 5000;
// Stop before the host itself runs short, whatever the cap says.
const HOST_RESERVE_BYTES = 2 * 1024 * MiB;
const SETTLE_MS = 10_000;
const runId = `density-${process.pid}`;

const log = (s: string) => process.stderr.write(`  ${s}\n`);

async function main(): Promise<void> {
  const {
    BERTH_BENCH_DENSITY_MAX: max,
    BERTH_BENCH_DENSITY_BATCH: batch,
    BERTH_BENCH_RUNS: bareCount,
  } = benchSettings;
  const h = await startAgentHarness({ maxSandboxes: max });
  const manager: SandboxManager = h.manager;
  // The harness closes its DNS responder on cleanup, so that happens once; bare nodes are removed every time.
  let harnessCleaned: Promise<void> | undefined;
  const cleanup = async () => {
    // By label too: a sandbox still starting when the run was interrupted is not in the manager's list yet.
    harnessCleaned ??= removeAllSandboxesOfAgent(h.settings.agentId, h.home).finally(() => h.cleanup());
    await harnessCleaned.catch(() => {});
    await removeBenchObjects(runId);
  };
  // Ctrl-C in the middle of a long run must not leave 40 sandboxes behind.
  for (const sig of ['SIGINT', 'SIGTERM'] as const)
    process.once(sig, () => void cleanup().finally(() => process.exit(130)));

  const rows: Row[] = [];
  try {
    const availBefore = await memAvailable();
    const ids: string[] = [];
    let stopReason = `reached the cap of ${max} (BERTH_BENCH_DENSITY_MAX)`;
    let lastProbes: number[] = [];
    grow: while (ids.length < max) {
      if ((await memAvailable()) < HOST_RESERVE_BYTES) {
        stopReason = 'host MemAvailable fell below 2 GiB';
        break;
      }
      const n = Math.min(batch, max - ids.length);
      const fresh = Array.from({ length: n }, (_, i) => `${runId}-${ids.length + i}`);
      const t0 = performance.now();
      const started = await Promise.allSettled(
        // create() refuses at once (throws) when admission says no (capacity, disk): that is a result too.
        fresh.map(async (id) =>
          manager.create({
            id,
            owner: 'bench',
            nodes: ['node1'],
            expiresAt: new Date(Date.now() + 3600_000),
          }),
        ),
      );
      const failed = started.find((s) => s.status === 'rejected');
      if (failed) {
        ids.push(...fresh.filter((_, i) => started[i]!.status === 'fulfilled'));
        stopReason = `a sandbox failed to start: ${String((failed as PromiseRejectedResult).reason).slice(0, 200)}`;
        break;
      }
      ids.push(...fresh);
      // Probe the new sandboxes and a sample of older ones, one at a time: the others stay idle meanwhile.
      const older = ids
        .slice(0, -n)
        .sort(() => Math.random() - 0.5)
        .slice(0, batch);
      lastProbes = [];
      for (const id of [...fresh, ...older]) {
        const ms = await probe(manager, h, id);
        lastProbes.push(ms);
        if (ms > PROBE_LIMIT_MS) {
          stopReason = `\`docker run --rm busybox true\` took ${(ms / 1000).toFixed(1)} s in one of ${ids.length}`;
          break grow;
        }
      }
      log(
        `${ids.length} sandboxes (batch started in ${((performance.now() - t0) / 1000).toFixed(1)} s), probes median ${median(lastProbes).toFixed(0)} ms, max ${Math.max(...lastProbes).toFixed(0)} ms`,
      );
    }
    // A sandbox that failed the 5 s probe does not count.
    const held = stopReason.startsWith('`docker run') ? ids.length - 1 : ids.length;
    log(`stopped: ${stopReason}; ${held} held`);

    // Memory per idle sandbox: its host parent cgroup (every node, its inner engine and containers), after settling.
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const mem = (await Promise.all(ids.map((id) => cgroupMemory(`${h.settings.cgroupParent}/${id}`)))).filter(
      (m) => m !== undefined,
    );
    const availDelta = (availBefore - (await memAvailable())) / Math.max(1, ids.length);
    const fullSweep: number[] = [];
    for (const id of ids) fullSweep.push(await probe(manager, h, id));
    log(
      `final sweep over ${ids.length}: median ${median(fullSweep).toFixed(0)} ms, max ${Math.max(...fullSweep).toFixed(0)} ms`,
    );
    await cleanup();

    const bare = await bareBaseline(bareCount);
    rows.push(
      {
        metric: `idle sandboxes held, each running busybox true < 5 s (cap ${max})`,
        berth: held,
        direct: null,
        unit: 'sandboxes',
        note: `stopped: ${stopReason}; bare baseline not run to saturation`,
      },
      {
        metric: `docker run --rm busybox true beside ${ids.length} idle sandboxes (median)`,
        berth: median(fullSweep),
        direct: bare.probe,
        unit: 'ms',
        note: `Berth max ${Math.max(...fullSweep).toFixed(0)} ms; baseline: the same in one of ${bareCount} bare nodes`,
      },
      {
        metric: 'memory per idle sandbox, cgroup usage (median)',
        berth: median(mem.map((m) => m.usage)) / MiB,
        direct: bare.usage / MiB,
        unit: 'MiB',
        note: "sandbox parent cgroup memory.usage_in_bytes (page cache included) vs a bare node's container cgroup",
      },
      {
        metric: 'memory per idle sandbox, cgroup rss (median)',
        berth: median(mem.map((m) => m.rss)) / MiB,
        direct: bare.rss / MiB,
        unit: 'MiB',
        note: 'total_rss of the same cgroups: memory that cannot be reclaimed',
      },
      {
        metric: 'memory per idle sandbox, host MemAvailable drop / count',
        berth: availDelta / MiB,
        direct: bare.availDelta / MiB,
        unit: 'MiB',
        note: 'includes kernel memory (page tables, loop devices, network) outside the cgroups',
      },
    );
  } finally {
    await cleanup();
  }
  console.log(JSON.stringify(rows));
  process.exit(0);
}

// `docker run --rm busybox true` inside a sandbox's node, timed from the agent (as a learner's would be).
async function probe(manager: SandboxManager, h: { engine: Engine }, id: string) {
  const t0 = performance.now();
  const r = await h.engine.exec(
    manager.nodeContainer(id, 'node1'),
    ['docker', 'run', '--rm', 'busybox', 'true'],
    {
      timeoutMs: 30_000,
    },
  );
  const ms = performance.now() - t0;
  if (r.exitCode !== 0 && !r.timedOut)
    throw new Error(`bench: busybox true failed in ${id}: ${r.output.slice(-300)}`);
  return r.timedOut ? Number.POSITIVE_INFINITY : ms;
}

// The same measures for bare node containers (`docker run` of the node image, no Berth around it).
async function bareBaseline(
  count: number,
): Promise<{ probe: number; usage: number; rss: number; availDelta: number }> {
  const before = await memAvailable();
  const names = Array.from({ length: count }, (_, i) => `bench-bare-${runId}-${i}`);
  const cids: string[] = [];
  for (const name of names) {
    cids.push(await startBareNode(name, runId));
    await waitInnerDocker(name);
  }
  // Bare nodes have no network and no mirror: busybox goes in by `docker save | docker load`.
  const probes: number[] = [];
  for (const name of names) {
    await loadBusybox(name);
    const t0 = performance.now();
    const r = await docker(['exec', name, 'docker', 'run', '--rm', 'busybox', 'true']);
    if (r.code !== 0) throw new Error(`bench: busybox true failed in ${name}: ${r.out}`);
    probes.push(performance.now() - t0);
  }
  await new Promise((r) => setTimeout(r, SETTLE_MS));
  const mem = (await Promise.all(cids.map((cid) => cgroupMemory(`berth/${cid}`)))).filter(
    (m) => m !== undefined,
  );
  const availDelta = (before - (await memAvailable())) / count;
  await removeBenchObjects(runId);
  return {
    probe: median(probes),
    usage: median(mem.map((m) => m.usage)),
    rss: median(mem.map((m) => m.rss)),
    availDelta,
  };
}

async function loadBusybox(name: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const save = spawn('docker', ['save', 'busybox:latest'], {
      env: dockerEnv,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const load = spawn('docker', ['exec', '-i', name, 'docker', 'load', '-q'], {
      env: dockerEnv,
      stdio: ['pipe', 'ignore', 'inherit'],
    });
    save.stdout.pipe(load.stdin);
    load.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`bench: docker load into ${name} exited ${code}`)),
    );
  });
}

main().catch((e) => {
  console.error('density bench failed:', e);
  process.exit(1);
});
