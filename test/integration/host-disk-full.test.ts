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
// Sandbox disks far larger than what a learner here writes: counted in full, barely two would fit.
const SANDBOX_DISK_MB = 512;
const EXPECTED_MB = 160;
const RESERVE_MB = 128;
const CLASS = ['Ada', 'Bob', 'Cy'];

// Admission counts what sandboxes really use plus their expected growth (sandbox-agent/src/sandboxes/
// disk-room.ts): more sandboxes start than their full disk sizes would allow. When the host filesystem
// under BERTH_HOME runs nearly full, new sandboxes are refused at once with a clear error and nothing
// half-made, health warns (full, then critical), the running sandboxes keep their expected headroom, and
// a database write that cannot fit answers 507 storage_full and leaves the data intact.
describe('the host disk under BERTH_HOME runs full', () => {
  let cp: ControlPlane;
  let dir: string;
  let mnt: string;
  let ballast: string;

  async function fill(bytes: number): Promise<void> {
    await fsp.rm(ballast, { force: true });
    if (bytes > 0) await run('fallocate', ['-l', String(Math.floor(bytes)), ballast]);
  }

  // The disk as the control plane sees it, right after a heartbeat (the watchdog runs in each one).
  async function agentHealth(): Promise<{ status: string; agent: any }> {
    await cp.heartbeatNow();
    const health = await cp.call('GET', '/api/health');
    return { status: health.json.status, agent: health.json.agents[0] };
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
      {
        sandboxesDir: path.join(mnt, 'sandboxes'),
        diskMb: SANDBOX_DISK_MB,
        diskExpectedMb: EXPECTED_MB,
        diskReserveMb: RESERVE_MB,
      },
    );
  });

  after(async () => {
    await fsp.rm(ballast, { force: true }).catch(() => {});
    await cp?.stop();
    await run('umount', ['-l', mnt]).catch(() => {});
    await fsp.rm(dir, { recursive: true, force: true });
  });

  test('more sandboxes start than full disks would fit; when the disk runs short: refused at once, health warns, nothing left behind, the running ones keep working', async (t) => {
    const manager = cp.agent.manager;
    const { bavail, bsize } = fs.statfsSync(mnt);
    const fullDisksFit = Math.floor((bavail * bsize - RESERVE_MB * MB) / (SANDBOX_DISK_MB * MB));
    assert.ok(fullDisksFit < CLASS.length, `${fullDisksFit} full disks fit: the host disk is too big`);

    // The class starts at once, each writing little.
    const learners = await Promise.all(CLASS.map((name) => cp.signIn(name)));
    const started = await Promise.all(
      learners.map((cookie) => cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } })),
    );
    for (const s of started) assert.equal(s.status, 201, JSON.stringify(s.json));
    await Promise.all(started.map((s, i) => waitForState(cp, learners[i]!, s.json.id, 'ready', 120_000)));
    const a = started[0]!;
    const used = fs
      .readdirSync(path.join(mnt, 'sandboxes'))
      .map((id) => fs.statSync(path.join(mnt, 'sandboxes', id, 'disk.img')).blocks * 512);
    t.diagnostic(
      `host disk ${HOST_DISK_MB} MiB holds ${fullDisksFit} full ${SANDBOX_DISK_MB} MiB disks; ${CLASS.length} sandboxes ready, using ${used.map((b) => Math.round(b / MB)).join(', ')} MiB on the host; ${describeDiskRoom(manager.diskRoom())}`,
    );
    const healthy = await agentHealth();
    assert.equal(healthy.agent.disk.state, 'ok', JSON.stringify(healthy.agent));
    assert.equal(healthy.agent.disk.warning, null);

    // Leave less than one sandbox's expected growth beside what the live ones may still write and the reserve.
    const room0 = manager.diskRoom();
    await fill(room0.availableBytes - room0.headroomBytes - room0.reserveBytes - room0.perSandboxBytes / 2);
    const room = manager.diskRoom();
    t.diagnostic(`after the ballast: ${describeDiskRoom(room)}`);
    assert.deepEqual([room.fits, room.state], [0, 'full']);
    assert.equal(manager.capacity, CLASS.length, 'the agent reports room only for the sandboxes it has');

    // The control plane learns it by the heartbeat, warns in health, and answers 503 at once.
    const full = await agentHealth();
    t.diagnostic(`GET /api/health: ${full.status}, ${JSON.stringify(full.agent)}`);
    assert.equal(full.agent.capacity, CLASS.length);
    assert.equal(full.status, 'degraded');
    assert.equal(full.agent.disk.state, 'full');
    assert.match(full.agent.disk.warning, /No new sandbox fits/);
    // The agent says the same when asked directly.
    const info = await fetch(`${cp.heartbeatReport().url}/v1/info`, {
      headers: { authorization: `Bearer ${cp.token}` },
    }).then((r) => r.json());
    assert.deepEqual([info.capacity, info.disk.state], [CLASS.length, 'full']);
    // The operator's command, as a real process against the same database.
    const { stdout: listed } = await run('node', ['--import', 'tsx', 'cli/main.ts', 'agents', 'list'], {
      env: process.env,
    });
    t.diagnostic(`./berth agents list:\n${listed}`);
    assert.match(listed, new RegExp(`${full.agent.id}\\s+up\\s+no\\s+3/3\\s+full, \\d+ MiB free`));
    assert.match(listed, new RegExp(`${full.agent.id}: No new sandbox fits`));
    const grace = await cp.signIn('Grace');
    const askedAt = Date.now();
    const refused = await cp.call('POST', '/api/sandboxes', { cookie: grace, body: { lessonId: LESSON } });
    const refusedMs = Date.now() - askedAt;
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

    // Ada's sandbox still gets the space it is expected to write, and its engine runs containers.
    const node = manager.nodeContainer(a.json.id, 'node1');
    const wrote = await cp.agent.engine.exec(
      node,
      [
        'bash',
        '-lc',
        'dd if=/dev/urandom of=/root/big bs=1M count=120 conv=fsync 2>&1 | tail -1; rm -f /root/big; docker run --rm busybox echo ada-ok',
      ],
      { timeoutMs: 120_000 },
    );
    t.diagnostic(`Ada's sandbox on the nearly full host: ${wrote.output.trim().replace(/\n/g, '; ')}`);
    assert.equal(wrote.exitCode, 0, wrote.output);
    assert.match(wrote.output, /125829120 bytes/);
    assert.match(wrote.output, /ada-ok/);
    assert.doesNotMatch(wrote.output, /Input\/output error|No space/);

    // Free space below what the live sandboxes may still write: health says learners' writes are at risk.
    await fill(0);
    const room1 = manager.diskRoom();
    await fill(room1.availableBytes - room1.reserveBytes - room1.headroomBytes / 2);
    const critical = await agentHealth();
    t.diagnostic(`below the live sandboxes' headroom: ${JSON.stringify(critical.agent.disk)}`);
    assert.equal(critical.agent.disk.state, 'critical');
    assert.match(critical.agent.disk.warning, /nearly full.*Free disk space on the host now/);
    assert.ok(critical.agent.disk.freeMb < RESERVE_MB + (CLASS.length * EXPECTED_MB) / 2 + 16);

    // Room again: Grace gets her sandbox, and the warning is gone.
    await fill(0);
    const fine = await agentHealth();
    assert.equal(fine.agent.disk.state, 'ok', JSON.stringify(fine.agent));
    assert.ok(fine.agent.capacity > CLASS.length);
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
