import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createSandboxDisk, diskPaths, removeSandboxDisk, SpareDisk } from './sandbox-disk.ts';

// Real loop-mounted ext4 disks (the agent runs as root, so does this test): a start takes the spare, laid out
// for node1 with the engine seed, and lays out any further node itself; the spare is made again behind it; a
// spare of another shape, or one a crash left half-made, is never handed out.
test('a spare disk is laid out ahead, taken by one start, and made again', async () => {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-spare-'));
  const sandboxesDir = path.join(dir, 'sandboxes');
  const seed = path.join(dir, 'seed');
  await fs.mkdir(seed);
  await fs.writeFile(path.join(seed, 'engine-id'), 'seeded');
  const shape = { sizeMb: 64, rootUid: 100000, dockerSeed: seed };
  const spare = new SpareDisk(path.join(dir, 'spare'));
  try {
    await spare.refill(shape);
    assert.deepEqual((await fs.readdir(path.join(dir, 'spare', 'ready'))).sort(), [
      'disk',
      'disk.img',
      'spare.json',
    ]);

    // Taken: mounted at the sandbox's place, node1 from the spare, node2 laid out now, both seeded and owned
    // by the node's remapped root.
    const a = await createSandboxDisk({
      sandboxesDir,
      sandboxId: 'a',
      nodes: ['node1', 'node2'],
      ...shape,
      spare,
    });
    assert.equal(a.mountPoint, diskPaths(sandboxesDir, 'a').mountPoint);
    assert.match(await fs.readFile('/proc/self/mounts', 'utf8'), new RegExp(` ${a.mountPoint} ext4 `));
    for (const node of ['node1', 'node2']) {
      assert.equal(await fs.readFile(path.join(a.mountPoint, node, 'docker', 'engine-id'), 'utf8'), 'seeded');
      for (const sub of ['docker', 'root', 'rootfs']) {
        const st = await fs.stat(path.join(a.mountPoint, node, sub));
        assert.deepEqual([st.uid, st.mode & 0o777], [100000, 0o700], `${node}/${sub}`);
      }
    }
    assert.deepEqual((await fs.readdir(path.dirname(a.image))).sort(), ['disk', 'disk.img']);

    // The next start finds a new spare (made behind the first) or makes its own disk: the same either way.
    await spare.refill(shape);
    const b = await createSandboxDisk({ sandboxesDir, sandboxId: 'b', nodes: ['node1'], ...shape, spare });
    assert.equal(
      await fs.readFile(path.join(b.mountPoint, 'node1', 'docker', 'engine-id'), 'utf8'),
      'seeded',
    );
    const c = await createSandboxDisk({ sandboxesDir, sandboxId: 'c', nodes: ['node1'], ...shape, spare });
    assert.equal(
      await fs.readFile(path.join(c.mountPoint, 'node1', 'docker', 'engine-id'), 'utf8'),
      'seeded',
    );

    // Another shape (a new image store's seed): not handed out; replaced by one of the new shape.
    await spare.refill(shape);
    const other = { ...shape, dockerSeed: path.join(dir, 'other-seed') };
    // One that cannot be made (its seed is not there yet) leaves nothing behind, mounted or not.
    await spare.refill(other);
    assert.deepEqual(await fs.readdir(dir).then((d) => d.includes('spare')), false);
    await fs.cp(seed, other.dockerSeed, { recursive: true });
    assert.equal(await spare.takeAs(path.join(dir, 'x'), other), false);
    await spare.refill(other);
    assert.match(await fs.readFile(path.join(dir, 'spare', 'ready', 'spare.json'), 'utf8'), /other-seed/);

    // Left half-made (and mounted) by a crash: removed, and a whole one made.
    const crashed = new SpareDisk(path.join(dir, 'crashed'));
    await createSandboxDisk({
      sandboxesDir: path.join(dir, 'crashed'),
      sandboxId: 'making',
      nodes: [],
      ...shape,
    });
    assert.equal(await crashed.takeAs(path.join(dir, 'y'), shape), false);
    await crashed.refill(shape);
    assert.deepEqual(await fs.readdir(path.join(dir, 'crashed')), ['ready']);
    assert.doesNotMatch(await fs.readFile('/proc/self/mounts', 'utf8'), new RegExp(`${dir}/crashed`));
  } finally {
    await spare.idle();
    for (const id of ['a', 'b', 'c']) await removeSandboxDisk(sandboxesDir, id).catch(() => {});
    await fs.rm(dir, { recursive: true, force: true });
  }
});
