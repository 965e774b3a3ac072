import fs from 'node:fs/promises';
import path from 'node:path';

// cgroup v1: the inner dockerd must create child cgroups under its own node's cgroup. We hand it only
// the node's own directories and task files (never the limit files), owned by the remapped root.
const DELEGATED_FILES = ['cgroup.procs', 'tasks', 'cgroup.clone_children'];

export async function delegateNodeCgroups(input: {
  cgroupRoot?: string;
  cgroupParent: string;
  containerId: string;
  rootUid: number;
}): Promise<void> {
  const root = input.cgroupRoot ?? '/sys/fs/cgroup';
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

// The first subordinate uid of the remap user: root inside every sandbox node maps to it.
export async function remappedRootUid(user = 'dockremap'): Promise<number> {
  const text = await fs.readFile('/etc/subuid', 'utf8');
  for (const line of text.split('\n')) {
    const [name, start] = line.split(':');
    if (name === user && start) return Number(start);
  }
  throw new Error(`no /etc/subuid entry for ${user}: is the sandbox engine running with userns-remap?`);
}
