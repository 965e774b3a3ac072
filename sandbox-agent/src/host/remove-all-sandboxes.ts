import { Engine } from '../docker/engine.ts';
import { LABEL } from '../docker/labels.ts';
import { listSandboxDisks, removeSandboxDisk } from '../sandboxes/sandbox-disk.ts';

// Removes every object Berth created on the sandbox engine, by label, and the sandboxes' disks.
export async function removeAllSandboxes(socket: string, sandboxesDir: string): Promise<number> {
  const engine = new Engine(socket);
  const managed = { [LABEL.managed]: 'true' };
  let count = 0;
  try {
    for (const c of await engine.listContainers(managed)) {
      await engine.removeContainer(c.id);
      count++;
    }
    for (const n of await engine.listNetworks(managed)) await engine.removeNetwork(n.id);
  } catch (e) {
    // No engine running: nothing of it to remove.
    if (!String(e).includes('ENOENT') && !String(e).includes('ECONNREFUSED')) throw e;
  }
  for (const id of await listSandboxDisks(sandboxesDir)) await removeSandboxDisk(sandboxesDir, id);
  return count;
}
