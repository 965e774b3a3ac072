import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { LABEL } from '../../sandbox-agent/src/docker/labels.ts';
import { describeDiskRoom } from '../../sandbox-agent/src/sandboxes/disk-room.ts';
import { sandboxCgroupParent } from '../../sandbox-agent/src/sandboxes/node-cgroups.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';
import { testSandboxId } from '../support/sandbox-agent-harness.ts';

const run = promisify(execFile);
const LESSON = 'networking/container-links';
const MB = 1024 * 1024;
// A small host disk of its own, holding the database and the sandbox disks, as BERTH_HOME would.
const HOST_DISK_MB = 1200;
const SANDBOX_DISK_MB = 320;
const RESERVE_MB = 128;

// The host filesystem under BERTH_HOME runs nearly full: new sandboxes are refused at once with a clear
// error and nothing half-made, the running sandbox keeps the space it was promised, and a database write
// that cannot fit answers 507 storage_full and leaves the data intact.
describe('the host disk under BERTH_HOME runs full', () => {
  let cp: ControlPlane;
  let dir: string;
  let mnt: string;
  let ballast: string;

  async function fill(bytes: number): Promise<void> {
    await fsp.rm(ballast, { force: true });
    if (bytes > 0) await run('fallocate', ['-l', String(bytes), ballast]);
  }

  before(async () => {
    dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'berth-hostdisk-'));
    mnt = path.join(dir, 'home');
    ballast = path.join(mnt, 'ballast');
    const image = path.join(dir, 'host.img');
    await fsp.mkdir(mnt);
    const fh = await fsp.open(image, 'w');
    await fh.truncate(HOST_DISK_MB * MB);
    await fh.close();
    await run('mkfs.ext4', ['-q', '-F', '-m', '0', image]);
    await run('mount', ['-o', 'loop', image, mnt]);
    cp = await startControlPlane(
      { DATABASE_URL: `file:${path.join(mnt, 'berth.db')}`, BERTH_MAX_SANDBOXES: '10' },
      { sandboxesDir: path.join(mnt, 'sandboxes'), diskMb: SANDBOX_DISK_MB, diskReserveMb: RESERVE_MB },
    );
  });

  after(async () => {
    await fsp.rm(ballast, { force: true }).catch(() => {});
    await cp?.stop();
    await run('umount', ['-l', mnt]).catch(() => {});
    await fsp.rm(dir, { recursive: true, force: true });
  });

  test('no room for another sandbox disk: refused at once, nothing left behind, the running one keeps working', async (t) => {
    const ada = await cp.signIn('Ada');
    const a = await cp.call('POST', '/api/sandboxes', { cookie: ada, body: { lessonId: LESSON } });
    assert.equal(a.status, 201, JSON.stringify(a.json));
    await waitForState(cp, ada, a.json.id, 'ready');
    const manager = cp.agent.manager;

    // Leave less than one sandbox disk beside what Ada's disk may still grow into and the reserve.
    const before = manager.diskRoom();
    await fill(
      before.availableBytes - before.promisedBytes - before.reserveBytes - (SANDBOX_DISK_MB * MB) / 2,
    );
    const room = manager.diskRoom();
    t.diagnostic(
      `host disk ${HOST_DISK_MB} MiB, sandbox disks ${SANDBOX_DISK_MB} MiB; now ${describeDiskRoom(room)}`,
    );
    assert.equal(room.fits, 0);
    assert.equal(manager.capacity, 1, 'the agent reports room only for the sandbox it has');

    // The control plane learns the reduced capacity (live or by heartbeat) and answers 503 at once.
    const deadline = Date.now() + 20_000;
    let health: any;
    do {
      health = await cp.call('GET', '/api/health');
      if (health.json?.agents?.[0]?.capacity === 1) break;
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < deadline);
    assert.equal(health.json.agents[0].capacity, 1, `health: ${JSON.stringify(health.json)}`);
    const grace = await cp.signIn('Grace');
    const started = Date.now();
    const refused = await cp.call('POST', '/api/sandboxes', { cookie: grace, body: { lessonId: LESSON } });
    const refusedMs = Date.now() - started;
    t.diagnostic(
      `POST /api/sandboxes → ${refused.status} ${JSON.stringify(refused.json)} in ${refusedMs} ms`,
    );
    assert.equal(refused.status, 503);
    assert.equal(refused.json.error.code, 'out_of_capacity');
    assert.ok(refusedMs < 5000, 'refused fast');

    // Behind it, the agent refuses too (a placement that raced the heartbeat), before creating anything.
    const id = testSandboxId();
    const agentStarted = Date.now();
    await assert.rejects(
      async () =>
        manager.create({ id, owner: 'grace', nodes: ['node1'], expiresAt: new Date(Date.now() + 600_000) }),
      (e: any) => e.code === 'out_of_capacity' && /disk space/.test(e.message),
    );
    const agentMs = Date.now() - agentStarted;
    const leftovers = {
      disk: fs.existsSync(path.join(mnt, 'sandboxes', id)),
      containers: (await cp.agent.engine.listContainers({ [LABEL.sandbox]: id })).length,
      networks: (await cp.agent.engine.listNetworks({ [LABEL.sandbox]: id })).length,
      cgroup: fs.existsSync(
        path.join('/sys/fs/cgroup/memory', sandboxCgroupParent(cp.agent.settings.cgroupParent, id)),
      ),
    };
    t.diagnostic(`agent create refused in ${agentMs} ms; left behind: ${JSON.stringify(leftovers)}`);
    assert.deepEqual(leftovers, { disk: false, containers: 0, networks: 0, cgroup: false });

    // Ada's sandbox still gets all the space promised to its disk, and its engine runs containers.
    const node = manager.nodeContainer(a.json.id, 'node1');
    const wrote = await cp.agent.engine.exec(
      node,
      [
        'bash',
        '-lc',
        'dd if=/dev/urandom of=/root/big bs=1M count=200 conv=fsync 2>&1 | tail -1; rm -f /root/big; docker run --rm busybox echo ada-ok',
      ],
      { timeoutMs: 120_000 },
    );
    t.diagnostic(`Ada's sandbox on the nearly full host: ${wrote.output.trim().replace(/\n/g, '; ')}`);
    assert.equal(wrote.exitCode, 0, wrote.output);
    assert.match(wrote.output, /209715200 bytes/);
    assert.match(wrote.output, /ada-ok/);
    assert.doesNotMatch(wrote.output, /Input\/output error|No space/);

    // Room again: Grace gets her sandbox.
    await fill(0);
    const fitsAgain = Date.now() + 20_000;
    while ((await cp.call('GET', '/api/health')).json.agents[0].capacity < 2 && Date.now() < fitsAgain)
      await new Promise((r) => setTimeout(r, 250));
    const g = await cp.call('POST', '/api/sandboxes', { cookie: grace, body: { lessonId: LESSON } });
    assert.equal(g.status, 201, JSON.stringify(g.json));
    await waitForState(cp, grace, g.json.id, 'ready');
    t.diagnostic('after freeing the host disk, a new sandbox started again');
  });

  test('a database write on a full disk answers 507 storage_full and the data stays intact', async (t) => {
    const ada = await cp.signIn('Ada Again');
    const { db } = await import('../../server/db/client.ts');
    const users = () => db().user.count();
    const before = await users();
    // Fill the host disk to the last block.
    await fill(0);
    const { bavail, bsize } = fs.statfsSync(mnt);
    await fill(bavail * bsize - 8 * MB);
    try {
      const fd = fs.openSync(`${ballast}-tail`, 'w');
      try {
        for (;;) fs.writeSync(fd, Buffer.alloc(4096));
      } catch (e: any) {
        if (e.code !== 'ENOSPC') throw e;
      } finally {
        fs.closeSync(fd);
      }
      const writes: string[] = [];
      let last: any;
      // Each sign-in inserts a user and a session; SQLite may fit a page or two before it is truly full.
      for (let i = 0; i < 20; i++) {
        last = await cp.call('POST', '/api/auth/guest', { body: { name: `Full disk ${i}` } });
        writes.push(String(last.status));
        if (last.status !== 201) break;
      }
      t.diagnostic(`sign-ins on the full disk answered ${writes.join(', ')}: ${JSON.stringify(last.json)}`);
      assert.equal(last.status, 507);
      assert.equal(last.json.error.code, 'storage_full');
      assert.match(last.json.error.message, /out of disk space/);
      // Reads still work while the disk is full.
      const me = await cp.call('GET', '/api/auth/me', { cookie: ada });
      assert.equal(me.status, 200, JSON.stringify(me.json));
      const accepted = writes.filter((s) => s === '201').length;

      await fsp.rm(`${ballast}-tail`, { force: true });
      await fill(0);
      const integrity = (await db().$queryRawUnsafe<{ integrity_check: string }[]>('PRAGMA integrity_check'))
        .map((r) => r.integrity_check)
        .join(', ');
      const after = await users();
      t.diagnostic(
        `after freeing space: integrity_check=${integrity}, users ${before} → ${after} (${accepted} sign-ins fit before the disk was full)`,
      );
      assert.equal(integrity, 'ok');
      assert.equal(after, before + accepted, 'no half-written user from the failed sign-in');
      const again = await cp.call('POST', '/api/auth/guest', { body: { name: 'After the disk was freed' } });
      assert.equal(again.status, 201);
    } finally {
      await fsp.rm(`${ballast}-tail`, { force: true });
      await fill(0);
    }
  });
});
