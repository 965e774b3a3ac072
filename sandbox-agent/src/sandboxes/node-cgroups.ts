import fs from 'node:fs/promises';
import path from 'node:path';
import type { NodeLimits } from './node-spec.ts';

// cgroup v1: the inner dockerd must create child cgroups under its own node's cgroup. We hand it only
// the node's own directories and task files (never the limit files), owned by the remapped root.
const DELEGATED_FILES = ['cgroup.procs', 'tasks', 'cgroup.clone_children'];

export async function delegateNodeCgroups(input: {
  cgroupRoot?: string;
  cgroupParent: string;
  containerId: string;
  rootUid: number;
}): Promise<void> {
  const root = input.cgroupRoot ?? CGROUP_ROOT;
  let hierarchies: string[];
  try {
    hierarchies = await fs.readdir(root);
  } catch {
    return;
  }
  if (hierarchies.includes('cgroup.controllers')) return; // cgroup v2: delegation is done by the engine
  for (const h of hierarchies) {
    const dir = path.join(root, h, input.cgroupParent, input.containerId);
    try {
      await fs.chown(dir, input.rootUid, input.rootUid);
    } catch {
      continue; // hierarchy not used for this container (e.g. a named one without it)
    }
    for (const f of DELEGATED_FILES) {
      await fs.chown(path.join(dir, f), input.rootUid, input.rootUid).catch(() => {});
    }
  }
}

const CGROUP_ROOT = '/sys/fs/cgroup';

// The sandbox engine's own cgroup parent (host/sandbox-engine.ts); every sandbox has one below it.
export const ENGINE_CGROUP_BASE = 'berth';

// The host-side parent of one sandbox's nodes (`--cgroup-parent`), below the engine's `berth` parent.
export function sandboxCgroupParent(base: string, sandboxId: string): string {
  return `/${base}/${sandboxId}`;
}

// cgroup v1: the agent creates the sandbox's parent cgroup and writes its limits as host root before any
// node starts. It sits outside every node's cgroup namespace, so a learner can neither see nor raise it;
// it caps the sandbox as a whole even if a node's own limits were somehow lifted.
export async function createSandboxCgroup(input: {
  cgroupRoot?: string;
  cgroupParent: string;
  limits: NodeLimits;
  nodeCount: number;
}): Promise<void> {
  const root = input.cgroupRoot ?? CGROUP_ROOT;
  if (await isCgroupV2(root)) return; // v2: the engine's per-container limits are the boundary
  const { limits, nodeCount } = input;
  const bytes = String(limits.memoryMb * 1024 * 1024 * nodeCount);
  const period = 100_000;
  const writes: [string, string, string][] = [
    ['memory', 'memory.limit_in_bytes', bytes],
    ['memory', 'memory.memsw.limit_in_bytes', bytes], // no swap beyond the limit (absent without swap accounting)
    ['pids', 'pids.max', String(limits.pids * nodeCount)],
    ['cpu', 'cpu.cfs_period_us', String(period)],
    ['cpu', 'cpu.cfs_quota_us', String(Math.round(limits.cpus * nodeCount * period))],
  ];
  for (const [h, file, value] of writes) {
    const dir = path.join(root, h, input.cgroupParent);
    await fs.mkdir(dir, { recursive: true });
    try {
      await fs.writeFile(path.join(dir, file), value);
    } catch (e) {
      if (!file.includes('memsw')) throw e;
    }
  }
}

// After the nodes are gone: remove the sandbox's parent cgroup (and anything runc left below it) everywhere.
export async function removeSandboxCgroup(input: {
  cgroupRoot?: string;
  cgroupParent: string;
}): Promise<void> {
  const root = input.cgroupRoot ?? CGROUP_ROOT;
  const hierarchies = await fs.readdir(root).catch(() => [] as string[]);
  for (const h of hierarchies) await removeCgroupTree(path.join(root, h, input.cgroupParent));
}

async function removeCgroupTree(dir: string): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => null);
  if (!entries) return;
  for (const e of entries) if (e.isDirectory()) await removeCgroupTree(path.join(dir, e.name));
  // A cgroup whose last task just exited can be busy for a moment.
  for (let i = 0; i < 20; i++) {
    try {
      await fs.rmdir(dir);
      return;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

async function isCgroupV2(root: string): Promise<boolean> {
  return fs
    .access(path.join(root, 'cgroup.controllers'))
    .then(() => true)
    .catch(() => false);
}

// The first subordinate uid of the remap user: root inside every sandbox node maps to it.
export async function remappedRootUid(user = 'dockremap'): Promise<number> {
  const text = await fs.readFile('/etc/subuid', 'utf8');
  for (const line of text.split('\n')) {
    const [name, start] = line.split(':');
    if (name === user && start) return Number(start);
  }
  throw new Error(`no /etc/subuid entry for ${user}: is the sandbox engine running with userns-remap?`);
}
