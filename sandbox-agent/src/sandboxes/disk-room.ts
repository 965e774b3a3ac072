import fs from 'node:fs';
import path from 'node:path';
import { diskPaths } from './sandbox-disk.ts';

// Sandbox disks are sparse files: creating one costs almost nothing, and the host space behind it is
// used only as the learner writes. Counting every disk at its full size would refuse a class long
// before the host is full (most learners write a few hundred MiB of a 4 GiB disk), so admission counts
// real use plus headroom: a new sandbox is admitted while the host's real free space covers, beside
// `reserveMb` for the database, logs and the engine, what every live sandbox is still expected to write
// (`expectedMb` each, never more than its disk has left) and the new one's expected growth. Each disk's
// own size still caps what one learner can write (sandbox-disk.ts). When `expectedMb` ≥ the disk size
// this is the strict rule: every disk promised in full. Synchronous on purpose: a statfs and a stat per
// sandbox, cheap enough for every capacity report and heartbeat, which is what watches the host.

/**
 * ok: room for at least one more sandbox. full: no new sandbox fits, the live ones still have their
 * expected headroom. critical: free space no longer covers the live sandboxes' expected growth plus the
 * reserve: their writes may fail if they keep writing and nobody frees space.
 */
export type DiskState = 'ok' | 'full' | 'critical';

export interface DiskRoom {
  /** Bytes the host filesystem holding the sandbox disks can still give to an unprivileged writer. */
  availableBytes: number;
  /** Bytes the live (and in-flight) sandboxes are still expected to write. */
  headroomBytes: number;
  reserveBytes: number;
  /** What one new sandbox is expected to write: the expected growth, at most its disk size. */
  perSandboxBytes: number;
  /** How many more sandboxes fit. */
  fits: number;
  state: DiskState;
}

/** One live sandbox disk: its size and what it really takes on the host now. */
export interface DiskUse {
  sizeBytes: number;
  allocatedBytes: number;
}

const MB = 1024 * 1024;

/** The admission arithmetic, apart from measuring (unit-tested in disk-room.test.ts). */
export function diskRoomOf(input: {
  availableBytes: number;
  disks: readonly DiskUse[];
  /** Sandboxes being created now, whose disks are not measurable yet: each counts a full headroom. */
  inFlight: number;
  diskBytes: number;
  expectedBytes: number;
  reserveBytes: number;
}): DiskRoom {
  const perSandboxBytes = Math.min(input.diskBytes, input.expectedBytes);
  let headroomBytes = input.inFlight * perSandboxBytes;
  for (const d of input.disks) {
    headroomBytes += Math.min(Math.max(0, d.sizeBytes - d.allocatedBytes), input.expectedBytes);
  }
  const spare = input.availableBytes - headroomBytes - input.reserveBytes;
  const fits =
    perSandboxBytes > 0
      ? Math.max(0, Math.floor(spare / perSandboxBytes))
      : spare >= 0
        ? Number.MAX_SAFE_INTEGER
        : 0;
  const state: DiskState = spare < 0 ? 'critical' : fits < 1 ? 'full' : 'ok';
  return {
    availableBytes: input.availableBytes,
    headroomBytes,
    reserveBytes: input.reserveBytes,
    perSandboxBytes,
    fits,
    state,
  };
}

// statfs needs an existing path; before the first sandbox the folder may not exist yet.
function nearestExisting(dir: string): string {
  let current = path.resolve(dir);
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

export function measureDiskRoom(input: {
  sandboxesDir: string;
  diskMb: number;
  expectedMb: number;
  reserveMb: number;
  /** Sandboxes being created right now: counted at their full headroom whether or not their file exists yet. */
  inFlight?: ReadonlySet<string>;
}): DiskRoom {
  const st = fs.statfsSync(nearestExisting(input.sandboxesDir));
  let names: string[] = [];
  try {
    names = fs.readdirSync(input.sandboxesDir);
  } catch {
    // No folder yet: no disks.
  }
  const disks: DiskUse[] = [];
  for (const id of names) {
    if (input.inFlight?.has(id)) continue;
    const img = fs.statSync(diskPaths(input.sandboxesDir, id).image, { throwIfNoEntry: false });
    if (img) disks.push({ sizeBytes: img.size, allocatedBytes: img.blocks * 512 });
  }
  return diskRoomOf({
    availableBytes: st.bavail * st.bsize,
    disks,
    inFlight: input.inFlight?.size ?? 0,
    diskBytes: input.diskMb * MB,
    expectedBytes: input.expectedMb * MB,
    reserveBytes: input.reserveMb * MB,
  });
}

const mb = (b: number) => `${Math.round(b / MB)} MiB`;

export function describeDiskRoom(room: DiskRoom): string {
  return `${mb(room.availableBytes)} free, ${mb(room.headroomBytes)} kept for what the live sandboxes may still write, ${mb(room.reserveBytes)} kept in reserve, ${mb(room.perSandboxBytes)} needed per new sandbox`;
}

/** What an operator or instructor should know about the host disk, or nothing while it is fine. */
export function diskWarning(room: DiskRoom): string | undefined {
  if (room.state === 'full') {
    return `No new sandbox fits on this host's disk (${describeDiskRoom(room)}). Running sandboxes are fine; free disk space on the host or end sandboxes to admit more.`;
  }
  if (room.state === 'critical') {
    return `This host's disk is nearly full (${describeDiskRoom(room)}): learners who keep writing may soon meet I/O errors on their sandbox disks. Free disk space on the host now, or end sandboxes.`;
  }
  return undefined;
}
