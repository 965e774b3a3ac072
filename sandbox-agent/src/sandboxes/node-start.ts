import type { Engine } from '../docker/engine.ts';
import { delegateNodeCgroups } from './node-cgroups.ts';

// The start handshake of a node, the same for a sandbox's nodes (sandbox-manager.ts) and the image
// store's builder (host/image-store-builder.ts): the node's init (sandbox-agent/images/node/berth-node-init)
// waits until its own cgroup directories belong to its remapped root, remounts the cgroup hierarchies and
// starts the engine supervisor, which mounts the image store's bottom layers and starts the inner dockerd; it is ready
// once that engine answers.
const CGROUPS_READY = '/run/berth-cgroups-ready';
const NODE_READY = '/run/berth-node-ready';

export async function startNode(
  engine: Engine,
  containerId: string,
  input: { cgroupParent: string; rootUid: number },
): Promise<void> {
  await engine.startContainer(containerId);
  await delegateNodeCgroups({ cgroupParent: input.cgroupParent, containerId, rootUid: input.rootUid });
  await engine.exec(containerId, ['touch', CGROUPS_READY], { timeoutMs: 10_000 });
}

export async function waitNodeReady(engine: Engine, containerId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const info = await engine.inspectContainer(containerId);
    if (!info?.State.Running) {
      const logs = await engine.containerLogs(containerId, 20).catch(() => '');
      throw new Error(`node stopped while starting: ${logs.trim().split('\n').slice(-3).join(' | ')}`);
    }
    const res = await engine.exec(containerId, ['test', '-e', NODE_READY], { timeoutMs: 5000 });
    if (res.exitCode === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the Docker engine inside the node did not start within ${Math.round(timeoutMs / 1000)} s`);
}
