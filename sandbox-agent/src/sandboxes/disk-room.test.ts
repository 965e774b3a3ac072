import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type DiskUse, diskRoomOf, diskWarning } from './disk-room.ts';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
// The reference machine (README "Capacity"): about 80 GB free, the default 4 GiB disks, 1536 MiB
// expected growth and 1 GiB reserve.
const reference = { diskBytes: 4 * GiB, expectedBytes: 1536 * MiB, reserveBytes: 1 * GiB };
const FREE = 80e9;
const disks = (n: number, allocatedBytes: number): DiskUse[] =>
  Array.from({ length: n }, () => ({ sizeBytes: 4 * GiB, allocatedBytes }));

test('a class of 30 starting at once fits on the reference machine by expected use', () => {
  // 29 in flight (no disk measurable yet): the 30th still fits, with room to spare.
  const room = diskRoomOf({ availableBytes: FREE, disks: [], inFlight: 29, ...reference });
  assert.equal(room.headroomBytes, 29 * 1536 * MiB);
  assert.equal(room.fits, Math.floor((FREE - 29 * 1536 * MiB - GiB) / (1536 * MiB)));
  assert.ok(room.fits >= 1 && room.state === 'ok', JSON.stringify(room));
  // Counting every disk in full (expected growth = disk size), even empty disks stop the class at 18:
  // the refusal this policy replaces.
  const strict = (inFlight: number) =>
    diskRoomOf({ availableBytes: FREE, disks: [], inFlight, ...reference, expectedBytes: 4 * GiB }).fits;
  assert.equal(strict(17), 1);
  assert.equal(strict(18), 0);
});

test('live disks count what they may still write, at most the expected growth, at most what their disk has left', () => {
  const room = diskRoomOf({
    availableBytes: 10 * GiB,
    disks: [
      { sizeBytes: 4 * GiB, allocatedBytes: 100 * MiB }, // fresh: 1536 MiB
      { sizeBytes: 4 * GiB, allocatedBytes: 2 * GiB }, // wrote a lot already: still 1536 MiB
      { sizeBytes: 4 * GiB, allocatedBytes: 4 * GiB - 200 * MiB }, // nearly full disk: 200 MiB
    ],
    inFlight: 1,
    ...reference,
  });
  assert.equal(room.headroomBytes, 1536 * MiB * 3 + 200 * MiB);
  assert.equal(room.fits, Math.floor((10 * GiB - room.headroomBytes - GiB) / (1536 * MiB)));
  assert.equal(room.fits, 2);
});

test('a disk smaller than the expected growth is promised in full, no more', () => {
  const room = diskRoomOf({
    availableBytes: 5 * GiB,
    disks: disks(2, 0).map((d) => ({ ...d, sizeBytes: GiB })),
    inFlight: 0,
    diskBytes: GiB,
    expectedBytes: 1536 * MiB,
    reserveBytes: GiB,
  });
  assert.equal(room.perSandboxBytes, GiB);
  assert.equal(room.headroomBytes, 2 * GiB);
  assert.equal(room.fits, 2);
});

test('the watchdog states: ok, full (no admission), critical (live sandboxes short), each with its warning', () => {
  const at = (availableBytes: number) =>
    diskRoomOf({ availableBytes, disks: disks(10, 300 * MiB), inFlight: 0, ...reference });
  const covered = 10 * 1536 * MiB + GiB;
  const ok = at(covered + 1536 * MiB);
  assert.deepEqual([ok.state, ok.fits, diskWarning(ok)], ['ok', 1, undefined]);
  const full = at(covered + 1536 * MiB - 1);
  assert.deepEqual([full.state, full.fits], ['full', 0]);
  assert.match(diskWarning(full) ?? '', /No new sandbox fits.*Running sandboxes are fine/);
  const edge = at(covered);
  assert.equal(edge.state, 'full');
  const critical = at(covered - 1);
  assert.deepEqual([critical.state, critical.fits], ['critical', 0]);
  assert.match(diskWarning(critical) ?? '', /nearly full.*I\/O errors.*Free disk space/);
  assert.equal(at(0).state, 'critical');
});
