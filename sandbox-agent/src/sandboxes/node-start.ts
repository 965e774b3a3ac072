import fs from 'node:fs/promises';
import path from 'node:path';
import type { Engine } from '../docker/engine.ts';
import { delegateNodeCgroups } from './node-cgroups.ts';

// The start handshake of a node, the same for a sandbox's nodes (sandbox-manager.ts) and the image
// store's builder (host/image-store-builder.ts): the node's init (sandbox-agent/images/node/berth-node-init)
// waits until its own cgroup directories belong to its remapped root, remounts the cgroup hierarchies and
// starts the engine supervisor, which mounts the image store's bottom layers and starts containerd and the
// inner dockerd; it is ready once that engine listens (berth-engine-log).

// Written on the host into the node's root-overlay directory (seen in the node at /.berth-rw before its
// init pivots into the overlay): no `docker exec` needed to say "your cgroups are yours".
const CGROUPS_READY_FLAG = 'cgroups-ready';
const NODE_READY = '/run/berth-node-ready';
const NODE_READY_FIFO = '/run/berth-node-ready.fifo';

export async function startNode(
  engine: Engine,
  containerId: string,
  input: { cgroupParent: string; rootUid: number; rootDir: string },
): Promise<void> {
  await engine.startContainer(containerId);
  await delegateNodeCgroups({ cgroupParent: input.cgroupParent, containerId, rootUid: input.rootUid });
  await fs.writeFile(path.join(input.rootDir, CGROUPS_READY_FLAG), '');
}

// One exec that blocks until the node says its engine is up, instead of polling from here: it holds the
// node's ready FIFO open (so a signal sent meanwhile is kept), then returns as soon as the flag is there
// or a line arrives on the FIFO — berth-engine-log touches the flag, then writes the line. It looks at the
// flag again every second (bash builtins, no process started), so a node image from before the FIFO,
// which only touches the flag, is still seen within a second.
const WAIT_READY = `[ -p ${NODE_READY_FIFO} ] || mkfifo ${NODE_READY_FIFO} 2>/dev/null
exec 3<>${NODE_READY_FIFO}
for ((i = 0; i < $1; i++)); do
  [ -e ${NODE_READY} ] && exit 0
  read -r -t 1 -u 3 _ && exit 0
done
[ -e ${NODE_READY} ]`;

export async function waitNodeReady(engine: Engine, containerId: string, timeoutMs: number): Promise<void> {
  const seconds = Math.max(1, Math.ceil(timeoutMs / 1000));
  // A node that died before the exec could start makes the exec itself fail: told apart below.
  const res = await engine
    .exec(containerId, ['bash', '-c', WAIT_READY, 'wait-ready', String(seconds)], {
      timeoutMs: timeoutMs + 5000,
    })
    .catch(() => undefined);
  if (res?.exitCode === 0) return;
  const info = await engine.inspectContainer(containerId);
  if (!info?.State.Running) {
    const logs = await engine.containerLogs(containerId, 20).catch(() => '');
    throw new Error(`node stopped while starting: ${logs.trim().split('\n').slice(-3).join(' | ')}`);
  }
  throw new Error(`the Docker engine inside the node did not start within ${seconds} s`);
}
