import path from 'node:path';
import { LABEL } from '../../sandbox-agent/src/docker/labels.ts';
import { listSandboxDisks, removeSandboxDisk } from '../../sandbox-agent/src/sandboxes/sandbox-disk.ts';
import { engineClient } from './sandbox-engine.ts';

// Removes every object Berth created on the sandbox engine, by label, and the sandboxes' disks.
export async function removeAllSandboxes(home: string): Promise<number> {
  const docker = engineClient();
  const filters = { label: [`${LABEL.managed}=true`] };
  let count = 0;
  try {
    for (const c of await docker.listContainers({ all: true, filters })) {
      await docker.getContainer(c.Id).remove({ force: true, v: true });
      count++;
    }
    for (const n of await docker.listNetworks({ filters })) await docker.getNetwork(n.Id).remove();
  } catch (e) {
    if (!String(e).includes('ENOENT') && !String(e).includes('ECONNREFUSED')) throw e;
  }
  const dir = path.join(home, 'sandboxes');
  for (const id of await listSandboxDisks(dir)) await removeSandboxDisk(dir, id);
  return count;
}
