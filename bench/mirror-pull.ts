import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { COURSE_IMAGE_REFS } from '../sandbox-agent/src/host/index.ts';
import { startAgentHarness, testSandboxId } from '../test/support/sandbox-agent-harness.ts';
import { benchSettings, dockerEnv, median, type Row } from './bench-support.ts';

// Images in a sandbox: what the shared store and the mirror cost beside the raw way to get an image into
// an inner engine with no registry (`docker save | docker exec -i NODE docker load`).
// Run by bench/run.ts as its own process; prints its rows as JSON on the last line.

const sh = promisify(execFile);
const runs = benchSettings.BERTH_BENCH_RUNS;

async function main(): Promise<void> {
  const h = await startAgentHarness();
  const id = testSandboxId();
  const rows: Row[] = [];
  try {
    await h.manager.create({
      id,
      owner: 'bench',
      nodes: ['node1'],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const node = h.manager.nodeContainer(id, 'node1');
    const inNode = async (script: string) => {
      const t0 = performance.now();
      const r = await h.engine.exec(node, ['bash', '-lc', script], { timeoutMs: 300_000 });
      if (r.exitCode !== 0) throw new Error(`bench: ${script}: ${r.output}`);
      return { ms: performance.now() - t0, out: r.output };
    };
    const load = async (refs: string[]) => {
      const t0 = performance.now();
      await sh(
        'bash',
        ['-o', 'pipefail', '-c', `docker save ${refs.join(' ')} | docker exec -i ${node} docker load -q`],
        {
          env: dockerEnv,
          maxBuffer: 1 << 20,
        },
      );
      return performance.now() - t0;
    };

    // The whole set at start: the store makes it present when the node is ready; loading it is the alternative.
    const present = await inNode(
      `docker image inspect ${COURSE_IMAGE_REFS.join(' ')} >/dev/null && du -skx /var/lib/docker | cut -f1`,
    );
    const storeKb = Number(present.out.trim().split('\n').at(-1));
    await inNode(`docker rmi ${COURSE_IMAGE_REFS.join(' ')} >/dev/null`);
    const loadMs = await load(COURSE_IMAGE_REFS);
    const loadedKb = Number(
      (await inNode('du -skx /var/lib/docker | cut -f1')).out.trim().split('\n').at(-1),
    );
    rows.push(
      {
        metric: `all ${COURSE_IMAGE_REFS.length} course image tags in a new node: extra time`,
        berth: 0,
        direct: loadMs,
        unit: 'ms',
        note: 'shared read-only store (present at ready) vs docker save | docker exec -i node docker load',
      },
      {
        metric: 'all course images in a new node: disk per node',
        berth: storeKb / 1024,
        direct: loadedKb / 1024,
        unit: 'MiB',
        note: "the node's own /var/lib/docker: store metadata vs the loaded images",
      },
    );

    // docker pull from the mirror, with no layer present (full) and with the Debian base present (typical).
    const full: number[] = [];
    const fullLoad: number[] = [];
    const incremental: number[] = [];
    const incrementalLoad: number[] = [];
    for (let i = 0; i < runs; i++) {
      await inNode('docker rmi -f $(docker images -q) >/dev/null 2>&1; docker image prune -af >/dev/null');
      full.push((await inNode('docker pull -q nginx >/dev/null')).ms);
      await inNode('docker rmi nginx >/dev/null && docker image prune -af >/dev/null');
      fullLoad.push(await load(['nginx:latest']));
      await inNode('docker rmi nginx >/dev/null; docker pull -q debian:bookworm >/dev/null');
      incremental.push((await inNode('docker pull -q nginx >/dev/null')).ms);
      await inNode('docker rmi nginx >/dev/null');
      incrementalLoad.push(await load(['nginx:latest']));
    }
    rows.push(
      {
        metric: `docker pull nginx in a sandbox, no layer present (median of ${runs})`,
        berth: median(full),
        direct: median(fullLoad),
        unit: 'ms',
        note: 'pull from the host mirror vs docker save nginx | docker exec -i node docker load',
      },
      {
        metric: `docker pull nginx in a sandbox, Debian base present (median of ${runs})`,
        berth: median(incremental),
        direct: median(incrementalLoad),
        unit: 'ms',
        note: 'the mirror sends only the missing layer; docker load always streams the whole image',
      },
    );
  } finally {
    await h.cleanup();
  }
  console.log(JSON.stringify(rows));
  process.exit(0);
}

main().catch((e) => {
  console.error('mirror bench failed:', e);
  process.exit(1);
});
