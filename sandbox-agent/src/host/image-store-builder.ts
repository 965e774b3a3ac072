import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AgentConfig } from '../config.ts';
import { Engine } from '../docker/engine.ts';
import { LABEL } from '../docker/labels.ts';
import { IMAGE_STORE_ROOT, type ImageStoreManifest } from '../sandboxes/image-store.ts';
import {
  createSandboxCgroup,
  ENGINE_CGROUP_BASE,
  remappedRootUid,
  removeSandboxCgroup,
  sandboxCgroupParent,
} from '../sandboxes/node-cgroups.ts';
import { nodeContainerSpec } from '../sandboxes/node-spec.ts';
import { startNode, waitNodeReady } from '../sandboxes/node-start.ts';
import { bridgeName, containerName, networkName } from '../sandboxes/sandbox-names.ts';
import { COURSE_IMAGE_REFS } from './course-images.ts';
import { docker, exists, hashOf, imageId } from './image-build-support.ts';
import { HostError, info, step } from './progress.ts';

// The shared read-only image store: the course images pulled ONCE by a real inner engine into a
// template /var/lib/docker. Every sandbox node gets a copy of its small metadata and read-only access
// to its layers (see sandbox-agent/src/sandboxes/image-store.ts): all images at once, < 1 MB each.

const BUILDER_READY_MS = 120_000;
const PULL_TIMEOUT_MS = 300_000;

export async function buildImageStore(
  c: AgentConfig,
  // prefix: the course images' names on the sandbox engine (course-image-list.ts localRef), for a trial build.
  opts: { force: boolean; root?: string; prefix?: string },
): Promise<void> {
  const root = opts.root ?? IMAGE_STORE_ROOT;
  const prefix = opts.prefix ?? '';
  const ids = await Promise.all(COURSE_IMAGE_REFS.map(async (r) => `${r}=${await imageId(`${prefix}${r}`)}`));
  const hash = hashOf('pulled from the mirror', await imageId(c.BERTH_NODE_IMAGE), ...ids);
  const dir = path.join(root, hash);
  const current = await fs.readlink(path.join(root, 'current')).catch(() => '');
  if (!opts.force && current === hash && (await exists(path.join(dir, 'store.json')))) {
    info('image store: up to date');
    return pruneImageStores(root, hash);
  }
  await step(`Building the shared image store (${COURSE_IMAGE_REFS.length} course image tags)`, async () => {
    await fs.rm(dir, { recursive: true, force: true });
    const dockerDir = path.join(dir, 'docker');
    await fs.mkdir(dockerDir, { recursive: true });
    await fs.chmod(dir, 0o755);
    await pullCourseImages(c, hash, dockerDir);
    // Nothing of a running engine belongs in a template, only images and their layers.
    for (const d of [
      'containers',
      'network',
      'volumes',
      'buildkit',
      'tmp',
      'swarm',
      'runtimes',
      'plugins',
      'trust',
    ]) {
      await fs.rm(path.join(dockerDir, d), { recursive: true, force: true });
    }
    const layers = (await fs.readdir(path.join(dockerDir, 'overlay2'))).filter((n) => n !== 'l');
    const manifest: ImageStoreManifest = {
      hash,
      refs: COURSE_IMAGE_REFS,
      layers,
      builtAt: new Date().toISOString(),
    };
    await fs.writeFile(path.join(dir, 'store.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // Switch atomically; sandboxes started earlier keep the store they were created with.
    const link = path.join(root, `current.${process.pid}`);
    await fs.rm(link, { force: true });
    await fs.symlink(hash, link);
    await fs.rename(link, path.join(root, 'current'));
  });
  await pruneImageStores(root, hash);
}

// A node made exactly like a sandbox's (node-spec.ts, node-start.ts), on a sandbox network of its own
// (bth-* bridge: the firewall lets it reach the mirror only), with dockerDir as its /var/lib/docker. It
// PULLS the course images from the mirror, as a learner would: the template then also holds the
// distribution metadata, so a later `docker pull` in a sandbox reuses every layer it already has.
async function pullCourseImages(c: AgentConfig, hash: string, dockerDir: string): Promise<void> {
  const engine = new Engine(c.BERTH_ENGINE_SOCKET);
  const rootUid = await remappedRootUid();
  await fs.chown(dockerDir, rootUid, rootUid);
  // Unique per run, so two builds (another BERTH_HOME, a test) never share a builder.
  const builderId = `image-store-${hash.slice(0, 8)}-${process.pid}`;
  const labels = { [LABEL.managed]: 'true', [LABEL.sandbox]: builderId };
  const cgroupParent = sandboxCgroupParent(ENGINE_CGROUP_BASE, builderId);
  const limits = {
    memoryMb: c.BERTH_SANDBOX_MEMORY_MB,
    cpus: c.BERTH_SANDBOX_CPUS,
    pids: c.BERTH_SANDBOX_PIDS,
  };
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-image-store-home-'));
  const rootDir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-image-store-root-'));
  await fs.chown(home, rootUid, rootUid);
  await fs.chown(rootDir, rootUid, rootUid);
  let containerId: string | undefined;
  let networkId: string | undefined;
  try {
    await createSandboxCgroup({ cgroupParent, limits, nodeCount: 1 });
    networkId = await engine.createNetwork(networkName(builderId), labels, bridgeName(builderId));
    containerId = await engine.createContainer(
      nodeContainerSpec({
        name: containerName(builderId, 'node1'),
        hostname: 'node1',
        image: c.BERTH_NODE_IMAGE,
        networkName: networkName(builderId),
        labels,
        limits,
        dockerDataDir: dockerDir,
        homeDir: home,
        rootDir,
        cgroupParent,
        gateway: await engine.networkGateway(networkId),
        mirrorPort: c.BERTH_MIRROR_PORT,
      }),
    );
    await startNode(engine, containerId, { cgroupParent, rootUid, rootDir });
    await waitNodeReady(engine, containerId, BUILDER_READY_MS).catch((e: Error) => {
      throw new HostError(`the image store builder did not start its engine: ${e.message}`);
    });
    for (const ref of COURSE_IMAGE_REFS) {
      const pulled = await engine.exec(containerId, ['/usr/bin/docker', 'pull', '-q', ref], {
        timeoutMs: PULL_TIMEOUT_MS,
      });
      if (pulled.exitCode !== 0)
        throw new HostError(`the image store builder could not pull ${ref}: ${pulled.output.trim()}`);
    }
    const listed = await engine.exec(
      containerId,
      ['/usr/bin/docker', 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'],
      { timeoutMs: 30_000 },
    );
    const loaded = listed.output.trim().split('\n');
    const missing = COURSE_IMAGE_REFS.filter((r) => !loaded.includes(r));
    if (missing.length) throw new HostError(`the image store is missing ${missing.join(', ')}`);
    // A clean stop, so the inner engine leaves its metadata consistent.
    await engine.stopContainer(containerId, 60);
  } finally {
    if (containerId) await engine.removeContainer(containerId);
    if (networkId) await engine.removeNetwork(networkId);
    await removeSandboxCgroup({ cgroupParent });
    await fs.rm(home, { recursive: true, force: true });
    await fs.rm(rootDir, { recursive: true, force: true });
  }
}

// Older stores go once no node (running or not) still mounts them.
async function pruneImageStores(root: string, current: string): Promise<void> {
  const ids = (await docker(['ps', '-aq'])).trim().split('\n').filter(Boolean);
  const mounts = ids.length
    ? await docker(['inspect', '-f', '{{range .Mounts}}{{.Source}} {{end}}', ...ids])
    : '';
  for (const name of await fs.readdir(root)) {
    if (name === current || name === 'current' || !/^[0-9a-f]{16}$/.test(name)) continue;
    if (mounts.includes(path.join(root, name))) continue;
    await fs.rm(path.join(root, name), { recursive: true, force: true });
    info(`removed the unused image store ${name}`);
  }
}
