import fs from 'node:fs';
import path from 'node:path';
import { diskPaths } from './sandbox-disk.ts';

// Sandbox disks are sparse files: creating one costs almost nothing, and the host space behind it is
// used only as the learner writes. Without accounting, a nearly full host would still accept sandboxes
// whose disks fail with I/O errors halfway through a lesson. So a sandbox is admitted only while its
// whole disk fits beside what the existing disks may still grow into, keeping `reserveMb` free for the
// database, logs and the engine. Synchronous on purpose: a statfs and a stat per sandbox, cheap enough
// for every capacity report.

export interface DiskRoom {
  /** Bytes the host filesystem holding the sandbox disks can still give to an unprivileged writer. */
  availableBytes: number;
  /** Bytes the existing (and in-flight) sandbox disks may still claim as they fill up. */
  promisedBytes: number;
  reserveBytes: number;
  /** How many more sandbox disks of `diskMb` fit. */
  fits: number;
}

const MB = 1024 * 1024;

// statfs needs an existing path; before the first sandbox the folder may not exist yet.
function nearestExisting(dir: string): string {
  let current = path.resolve(dir);
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

export function measureDiskRoom(input: {
  sandboxesDir: string;
  diskMb: number;
  reserveMb: number;
  /** Sandboxes being created right now: counted at their full size whether or not their file exists yet. */
  inFlight?: ReadonlySet<string>;
}): DiskRoom {
  const diskBytes = input.diskMb * MB;
  const st = fs.statfsSync(nearestExisting(input.sandboxesDir));
  const availableBytes = st.bavail * st.bsize;
  let promisedBytes = (input.inFlight?.size ?? 0) * diskBytes;
  let names: string[] = [];
  try {
    names = fs.readdirSync(input.sandboxesDir);
  } catch {
    // No folder yet: no disks.
  }
  for (const id of names) {
    if (input.inFlight?.has(id)) continue;
    const img = fs.statSync(diskPaths(input.sandboxesDir, id).image, { throwIfNoEntry: false });
    if (img) promisedBytes += Math.max(0, img.size - img.blocks * 512);
  }
  const reserveBytes = input.reserveMb * MB;
  const spare = availableBytes - promisedBytes - reserveBytes;
  return {
    availableBytes,
    promisedBytes,
    reserveBytes,
    fits: diskBytes > 0 ? Math.max(0, Math.floor(spare / diskBytes)) : Number.MAX_SAFE_INTEGER,
  };
}

export function describeDiskRoom(room: DiskRoom): string {
  const mb = (b: number) => `${Math.round(b / MB)} MiB`;
  return `${mb(room.availableBytes)} free, ${mb(room.promisedBytes)} promised to existing sandbox disks, ${mb(room.reserveBytes)} kept in reserve`;
}
