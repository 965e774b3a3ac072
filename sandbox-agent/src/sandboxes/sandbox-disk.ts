import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

// Each sandbox gets its own size-capped ext4 filesystem (a sparse loop file), holding the inner
// engine's data and /root of every node: a learner who fills it fills only their own disk.

export interface SandboxDisk {
  image: string;
  mountPoint: string;
}

export function diskPaths(sandboxesDir: string, sandboxId: string): SandboxDisk {
  const dir = path.join(sandboxesDir, sandboxId);
  return { image: path.join(dir, 'disk.img'), mountPoint: path.join(dir, 'disk') };
}

async function isMounted(mountPoint: string): Promise<boolean> {
  const mounts = await fs.readFile('/proc/self/mounts', 'utf8');
  return mounts.split('\n').some((l) => l.split(' ')[1] === mountPoint);
}

// Made, mounted and laid out by one shell (one process start, not one per step: on a busy host each start
// of a process from the agent costs more than the step): each node's folders, owned by the node's
// remapped root, its /var/lib/docker a copy of `dockerSeed` when given (image-store.ts nodeDockerSeed).
const LAY_OUT_DISK = `set -eu
img=$1 mnt=$2 uid=$3 seed=$4 fresh=$5
shift 5
if [ "$fresh" = 1 ]; then
  mkfs.ext4 -q -F -m 0 -E lazy_itable_init=1,lazy_journal_init=1 "$img"
  mount -o loop,nodev,nosuid "$img" "$mnt"
fi
for node in "$@"; do
  for sub in docker root rootfs; do
    mkdir -p "$mnt/$node/$sub"
    chmod 700 "$mnt/$node/$sub"
    chown "$uid:$uid" "$mnt/$node/$sub"
  done
  if [ -n "$seed" ] && [ -z "$(ls -A "$mnt/$node/docker")" ]; then cp -a "$seed/." "$mnt/$node/docker/"; fi
done`;

export async function createSandboxDisk(input: {
  sandboxesDir: string;
  sandboxId: string;
  sizeMb: number;
  nodes: string[];
  rootUid: number;
  /** A template of a node's /var/lib/docker to copy into each node's (image-store.ts nodeDockerSeed). */
  dockerSeed?: string;
}): Promise<SandboxDisk> {
  const disk = diskPaths(input.sandboxesDir, input.sandboxId);
  await fs.mkdir(disk.mountPoint, { recursive: true, mode: 0o700 });
  const fresh = !(await isMounted(disk.mountPoint));
  if (fresh) {
    const fh = await fs.open(disk.image, 'w', 0o600);
    await fh.truncate(input.sizeMb * 1024 * 1024);
    await fh.close();
  }
  await run('sh', [
    '-c',
    LAY_OUT_DISK,
    'lay-out-disk',
    disk.image,
    disk.mountPoint,
    String(input.rootUid),
    input.dockerSeed ?? '',
    fresh ? '1' : '0',
    ...input.nodes,
  ]);
  return disk;
}

// Beside the disk image on the host (removed with it): a terminal's replay journal, see replay-journal.ts.
export function terminalJournalPath(sandboxesDir: string, sandboxId: string, node: string): string {
  return path.join(sandboxesDir, sandboxId, `terminal-${node}.jsonl`);
}

export function nodeDirs(disk: SandboxDisk, node: string): { docker: string; home: string; root: string } {
  return {
    docker: path.join(disk.mountPoint, node, 'docker'),
    home: path.join(disk.mountPoint, node, 'root'),
    root: path.join(disk.mountPoint, node, 'rootfs'),
  };
}

export async function removeSandboxDisk(sandboxesDir: string, sandboxId: string): Promise<void> {
  const disk = diskPaths(sandboxesDir, sandboxId);
  if (await isMounted(disk.mountPoint)) {
    // Lazy unmount: a process still holding a file must not keep the disk (and its loop device) forever.
    await run('umount', ['-l', disk.mountPoint]).catch(() => run('umount', [disk.mountPoint]));
  }
  await fs.rm(path.dirname(disk.image), { recursive: true, force: true });
}

export async function listSandboxDisks(sandboxesDir: string): Promise<string[]> {
  try {
    return (await fs.readdir(sandboxesDir, { withFileTypes: true }))
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
  } catch {
    return [];
  }
}
