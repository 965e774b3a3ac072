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

// The file system of a new disk: lazily initialised, so formatting writes only a few MiB of a sparse file.
const FORMAT = 'mkfs.ext4 -q -F -m 0 -E lazy_itable_init=1,lazy_journal_init=1';

// Made, mounted and laid out by one shell (one process start, not one per step: on a busy host each start
// of a process from the agent costs more than the step): each node's folders, owned by the node's
// remapped root, its /var/lib/docker a copy of `dockerSeed` when given (image-store.ts nodeDockerSeed).
// fresh: 1 = format and mount, 0 = mounted already; unmount=1 unmounts it again (a spare, SpareDisk).
const LAY_OUT_DISK = `set -eu
img=$1 mnt=$2 uid=$3 seed=$4 fresh=$5 unmount=$6
shift 6
if [ "$fresh" = 1 ]; then
  ${FORMAT} "$img"
  mount -o loop,nodev,nosuid "$img" "$mnt"
fi
# All nodes' folders by one mkdir, one chmod and one chown; a node's /var/lib/docker is seeded only when it is
# new (a disk mounted again keeps its engine's data).
dirs=() unseeded=()
for node in "$@"; do
  [ -e "$mnt/$node/docker" ] || unseeded+=("$mnt/$node/docker")
  dirs+=("$mnt/$node/docker" "$mnt/$node/root" "$mnt/$node/rootfs")
done
if [ \${#dirs[@]} -gt 0 ]; then
  mkdir -p "\${dirs[@]}"
  if [ -n "$seed" ]; then for d in "\${unseeded[@]}"; do cp -a "$seed/." "$d/"; done; fi
  chmod 700 "\${dirs[@]}"
  chown "$uid:$uid" "\${dirs[@]}"
fi
if [ "$unmount" = 1 ]; then umount "$mnt"; fi`;

interface DiskShape {
  sizeMb: number;
  rootUid: number;
  /** A template of a node's /var/lib/docker to copy into each node's (image-store.ts nodeDockerSeed). */
  dockerSeed?: string;
}

// A new disk in `dir` (as a sandbox's: disk.img and its mount point disk/), formatted and laid out for `nodes`.
async function makeDisk(dir: string, shape: DiskShape, nodes: string[], unmount: boolean): Promise<void> {
  const disk = { image: path.join(dir, 'disk.img'), mountPoint: path.join(dir, 'disk') };
  await fs.mkdir(disk.mountPoint, { recursive: true, mode: 0o700 });
  await sparseFile(disk.image, shape.sizeMb);
  await layOut(disk, shape, nodes, '1', unmount);
}

function layOut(disk: SandboxDisk, shape: DiskShape, nodes: string[], fresh: '0' | '1', unmount: boolean) {
  return run('bash', [
    '-c',
    LAY_OUT_DISK,
    'lay-out-disk',
    disk.image,
    disk.mountPoint,
    String(shape.rootUid),
    shape.dockerSeed ?? '',
    fresh,
    unmount ? '1' : '0',
    ...nodes,
  ]);
}

export async function createSandboxDisk(
  input: DiskShape & {
    sandboxesDir: string;
    sandboxId: string;
    nodes: string[];
    /** Disks made ahead of demand: one taken saves formatting and laying out on the start path. */
    spare?: SpareDisk;
  },
): Promise<SandboxDisk> {
  const disk = diskPaths(input.sandboxesDir, input.sandboxId);
  const dir = path.dirname(disk.image);
  if (await isMounted(disk.mountPoint)) {
    await layOut(disk, input, input.nodes, '0', false);
  } else if (await input.spare?.takeAs(dir, input)) {
    // The spare was laid out for its nodes; a lesson with more gets theirs now, on the mounted disk.
    await run('mount', ['-o', 'loop,nodev,nosuid', disk.image, disk.mountPoint]);
    const present = await Promise.all(
      input.nodes.map((n) =>
        fs.stat(path.join(disk.mountPoint, n, 'docker')).then(
          () => true,
          () => false,
        ),
      ),
    );
    const missing = input.nodes.filter((_, i) => !present[i]);
    if (missing.length) await layOut(disk, input, missing, '0', false);
  } else {
    await makeDisk(dir, input, input.nodes, false);
  }
  return disk;
}

async function sparseFile(file: string, sizeMb: number): Promise<void> {
  const fh = await fs.open(file, 'w', 0o600);
  await fh.truncate(sizeMb * 1024 * 1024);
  await fh.close();
}

// The nodes a spare disk is laid out for: most lessons have one.
const SPARE_NODES = ['node1'];
const STAMP = 'spare.json';

// One disk kept ready, formatted and laid out (node1's folders, its engine data seeded) and unmounted, in a
// folder shaped like a sandbox's beside the sandboxes' folder (on the same file system): a cold start takes it
// by renaming the folder and only mounts it, instead of formatting and laying out a new one; the next is made
// in the background. Sparse and lazily initialised, a spare holds about 3 MiB. One of another shape (the disk
// size, the remapped root or the image store changed) is replaced; one left half-made by a crash is removed.
export class SpareDisk {
  private making?: Promise<void>;

  constructor(private readonly dir: string) {}

  /** Moves the spare to `sandboxDir` (which must not exist) when it has this shape; false otherwise. Starts
   * making the next. */
  async takeAs(sandboxDir: string, shape: DiskShape): Promise<boolean> {
    const ready = path.join(this.dir, 'ready');
    let taken = false;
    if ((await readStamp(ready)) === stampOf(shape)) {
      await fs.mkdir(path.dirname(sandboxDir), { recursive: true });
      taken = await fs.rename(ready, sandboxDir).then(
        () => true,
        () => false,
      );
    }
    if (taken) await fs.rm(path.join(sandboxDir, STAMP), { force: true });
    void this.refill(shape);
    return taken;
  }

  /** Makes a spare of this shape if there is none (one at a time; a failure only means no spare). */
  refill(shape: DiskShape): Promise<void> {
    this.making ??= this.make(shape)
      .catch((e) => console.warn(`[agent] no spare sandbox disk: ${e instanceof Error ? e.message : e}`))
      .finally(() => {
        this.making = undefined;
      });
    return this.making;
  }

  /** Resolves when no spare is being made. */
  async idle(): Promise<void> {
    await this.making;
  }

  private async make(shape: DiskShape): Promise<void> {
    const ready = path.join(this.dir, 'ready');
    if ((await readStamp(ready)) === stampOf(shape)) return;
    await this.discard();
    const making = path.join(this.dir, 'making');
    try {
      await makeDisk(making, shape, SPARE_NODES, true);
      await fs.writeFile(path.join(making, STAMP), stampOf(shape));
      await fs.rename(making, ready);
    } catch (e) {
      await this.discard().catch(() => {});
      throw e;
    }
  }

  /** Removes the spare. One is mounted only while it is made: one a failure or a crash left mounted is let go
   * before its folder goes. */
  async discard(): Promise<void> {
    for (const slot of ['making', 'ready']) {
      const mnt = path.join(this.dir, slot, 'disk');
      if (await isMounted(mnt)) await run('umount', ['-l', mnt]);
    }
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

const stampOf = (shape: DiskShape) =>
  JSON.stringify({ sizeMb: shape.sizeMb, rootUid: shape.rootUid, dockerSeed: shape.dockerSeed ?? '' });
const readStamp = (dir: string) => fs.readFile(path.join(dir, STAMP), 'utf8').catch(() => '');

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
