import { startControlPlane } from '../test/support/control-plane-harness.ts';
import { benchSettings, docker, median, type Row, startToPrompt } from './bench-support.ts';

// Run as its own process by bench/run.ts (config is read once per process): a control plane with a
// warm pool of one. Prints its rows as JSON on the last line.
const LESSON = 'networking/container-links';

async function main(): Promise<void> {
  const cp = await startControlPlane({ BERTH_WARM_POOL_SIZE: '1' });
  const { db } = await import('../server/db/client.ts');
  const { POOL_USER_ID } = await import('../server/sandboxes/warm-pool.ts');
  const poolReady = async () => {
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline) {
      const row = await db().sandbox.findFirst({ where: { userId: POOL_USER_ID, state: 'ready' } });
      if (row) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('bench: the warm pool never filled');
  };
  const berth: number[] = [];
  const direct: number[] = [];
  try {
    for (let i = 0; i < benchSettings.BERTH_BENCH_RUNS; i++) {
      await poolReady();
      const cookie = await cp.signIn(`warm-${i}`);
      const r = await startToPrompt(cp, cookie, LESSON);
      berth.push(r.ms);
      // Baseline: a login shell on an already running node straight from the docker CLI.
      const node = (await cp.agent.engine.inspectContainer(cp.agent.manager.nodeContainer(r.id, 'node1')))!;
      const d0 = performance.now();
      await docker(['exec', node.Name.replace(/^\//, ''), 'bash', '-lc', 'echo -n "# "']);
      direct.push(performance.now() - d0);
      await cp.call('DELETE', `/api/sandboxes/${r.id}`, { cookie });
    }
  } finally {
    await cp.stop();
  }
  const rows: Row[] = [
    {
      metric: `warm claim → first prompt (median of ${benchSettings.BERTH_BENCH_RUNS})`,
      berth: median(berth),
      direct: median(direct),
      unit: 'ms',
      note: 'POST /api/sandboxes with a warm pool → ws prompt vs docker exec bash -l on a running node',
    },
  ];
  console.log(JSON.stringify(rows));
  process.exit(0);
}

main().catch((e) => {
  console.error('warm-claim bench failed:', e);
  process.exit(1);
});
