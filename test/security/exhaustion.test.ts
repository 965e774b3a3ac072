import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { runChecks } from '../../sandbox-agent/src/checks/run-checks.ts';
import { diskPaths } from '../../sandbox-agent/src/sandboxes/sandbox-disk.ts';
import { assertTasks } from '../../server/lessons/assert-tasks.ts';
import { getExercise } from '../../server/lessons/get-exercise.ts';
import {
  assertVictimWorks,
  DISK_MB,
  type HostileSetup,
  LIMITS,
  startHostileSandboxes,
} from './hostile-sandboxes.ts';

// A hostile learner tries to take the machine down from inside their sandbox: memory, processes,
// disk, CPU. Each is held at the sandbox's cap, the sandbox recovers, and a second sandbox keeps working.

let s: HostileSetup;

const EXERCISE = 'networking/container-links/ping-by-name';
const SOLUTION = [
  'docker network create -d bridge my-net',
  'docker run -dit --name busybox1 --network my-net busybox sh',
  'docker run -dit --name busybox2 --network my-net busybox sh',
].join(' && ');

before(async () => {
  s = await startHostileSandboxes();
});
after(async () => {
  await s?.cleanup();
});

async function attackerRecovers(): Promise<void> {
  const r = await s.sh(s.attacker, 'docker run --rm busybox echo attacker-ok', 60_000);
  assert.match(r.output, /attacker-ok/, `the attacker's sandbox did not recover: ${r.output}`);
}

describe('a hostile learner cannot exhaust the host', () => {
  test('a memory hog is OOM-killed at the limit, in the node and in an inner container', async (t) => {
    const r = await s.sh(
      s.attacker,
      [
        'tail /dev/zero; echo "node hog exit=$?"',
        'docker run --rm busybox tail /dev/zero; echo "inner hog exit=$?"',
      ].join('\n'),
      90_000,
    );
    const peak = Number(await s.readCgroup('memory', s.attacker, 'memory.max_usage_in_bytes', true));
    const parentPeak = Number(await s.readCgroup('memory', s.attacker, 'memory.max_usage_in_bytes'));
    const oom = await s.readCgroup('memory', s.attacker, 'memory.oom_control', true);
    t.diagnostic(
      `tried: tail /dev/zero in the node and in an inner container; saw: ${r.output.trim().replace(/\n/g, '; ')}; node peak ${peak} B, sandbox parent peak ${parentPeak} B, limit ${LIMITS.memoryMb * 2 ** 20} B; ${oom.replace(/\n/g, ', ')}`,
    );
    assert.match(r.output, /node hog exit=137/);
    assert.match(r.output, /inner hog exit=137/);
    assert.ok(peak <= LIMITS.memoryMb * 2 ** 20);
    assert.match(oom, /oom_kill [1-9]/);
    await attackerRecovers();
    await assertVictimWorks(s);
    t.diagnostic(
      `stopped by: memory cgroup limit ${LIMITS.memoryMb} MiB (node and per-sandbox parent), no swap`,
    );
  });

  test('a fork bomb is capped at pids.max and the sandbox recovers', async (t) => {
    const eventsBefore = await s.readCgroup('pids', s.attacker, 'pids.events', true);
    // A real exponential bomb that stops forking after 8 s (long enough to hit the cap on a busy host),
    // so the sandbox can drain without our help.
    const bombSeconds = 8;
    const started = Date.now();
    const bomb = s.sh(
      s.attacker,
      [
        `export END=$(( $(date +%s) + ${bombSeconds} ))`,
        "f() { printf -v now '%(%s)T' -1; (( now >= END )) && return; f | f & }",
        'f 2>/dev/null',
      ].join('\n'),
      60_000,
    );
    let peak = 0;
    let drained = false;
    while (Date.now() - started < 90_000) {
      const current = Number(await s.readCgroup('pids', s.attacker, 'pids.current', true));
      peak = Math.max(peak, current);
      if (Date.now() - started > (bombSeconds + 1) * 1000 && current < 40) {
        drained = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    await bomb;
    const eventsAfter = await s.readCgroup('pids', s.attacker, 'pids.events', true);
    t.diagnostic(
      `tried: f(){ f|f& } for ${bombSeconds} s; peak ${peak} processes (pids.max ${LIMITS.pids}); pids.events ${eventsBefore} → ${eventsAfter}`,
    );
    assert.ok(peak <= LIMITS.pids);
    assert.ok(Number(eventsAfter.split(' ')[1]) > Number(eventsBefore.split(' ')[1]), 'the cap was hit');
    assert.ok(drained, 'the sandbox drained after the bomb');
    await attackerRecovers();
    await assertVictimWorks(s);
    t.diagnostic('stopped by: pids cgroup (node and per-sandbox parent); --init reaps the orphans');
  });

  test('filling the disk stops at the sandbox disk cap, the writable root included', async (t) => {
    const image = diskPaths(s.h.settings.sandboxesDir, s.attacker.id).image;
    // The learner has done the exercise before filling the disk: its check must still pass afterwards.
    const solved = await s.sh(s.attacker, SOLUTION, 90_000);
    assert.equal(solved.exitCode, 0, solved.output);
    const check = async () => {
      const started = Date.now();
      const results = await runChecks({
        engine: s.h.engine,
        containerId: s.attacker.container,
        tasks: assertTasks((await getExercise(EXERCISE))!),
        timeoutMs: 15_000,
      });
      const shown = results.map((x) => `${x.id} ${x.passed ? 'passed' : 'NOT PASSED'} (${x.message})`);
      return { results, text: `answered in ${Date.now() - started} ms: ${shown.join('; ')}` };
    };

    // 1. The sandbox disk (/root and the inner engine's data).
    const r = await s.sh(
      s.attacker,
      [
        // The node's root is writable: its upper layer is on the same sandbox disk, so it fills that disk.
        'dd if=/dev/zero of=/opt/fill bs=1M 2>&1 | grep -E "No space|copied"',
        'dd if=/dev/zero of=/root/fill bs=1M 2>&1 | grep -E "No space|copied"',
        'docker run --rm -v /var/lib/docker:/d busybox true >/dev/null 2>&1',
        'dd if=/dev/zero of=/var/lib/docker/fill bs=1M 2>&1 | grep -E "No space|copied"',
        'echo "root=$(du -m /root/fill | cut -f1) docker=$(du -m /var/lib/docker/fill | cut -f1) opt=$(du -m /opt/fill | cut -f1)"',
        'echo shell-ok; df -m /root | tail -1',
      ].join('\n'),
      120_000,
    );
    const st = await fs.stat(image);
    const allocatedMb = (st.blocks * 512) / 2 ** 20;
    const diskFull = await check();
    t.diagnostic(
      `tried: dd into /root, /var/lib/docker and the root filesystem (/opt); saw:\n${r.output.trim()}\nhost: the sandbox disk file holds ${allocatedMb.toFixed(0)} MiB of its ${DISK_MB} MiB cap\nthe check of the solved exercise on the full disk ${diskFull.text}`,
    );
    const used = r.output.match(/root=(\d+) docker=(\d+) opt=(\d+)/);
    assert.ok(used, 'dd ran');
    assert.ok(Number(used[1]) + Number(used[2]) + Number(used[3]) <= DISK_MB);
    assert.ok(Number(used[3]) > DISK_MB / 2, 'the root filesystem filled the sandbox disk');
    assert.match(r.output, /No space left on device/);
    assert.match(r.output, /shell-ok/);
    assert.ok(allocatedMb <= DISK_MB + 1);
    assert.ok(diskFull.results.length > 0, 'the exercise has tasks');
    assert.ok(
      diskFull.results.every((x) => x.passed),
      'a solved exercise still passes on a full sandbox disk',
    );

    // 2. /tmp as well (the inner engine needs it to start a process); the full root refuses more.
    const r2 = await s.sh(
      s.attacker,
      [
        'dd if=/dev/zero of=/tmp/fill bs=1M 2>&1 | grep -E "No space"',
        'echo "tmp=$(du -m /tmp/fill | cut -f1)"',
        'head -c 1M /dev/zero >/usr/bin/pwned 2>/dev/null && echo ROOT-WROTE || echo root-refused',
      ].join('\n'),
      120_000,
    );
    const tmpFull = await check();
    t.diagnostic(
      `tried: dd into /tmp, write into the image; saw:\n${r2.output.trim()}\nthe check with /tmp full too ${tmpFull.text}`,
    );
    assert.ok(Number(r2.output.match(/tmp=(\d+)/)?.[1]) <= 256);
    assert.match(r2.output, /root-refused/);
    // Every task either passes or says plainly that the disk is full — never blames the learner's work.
    for (const x of tmpFull.results) {
      assert.ok(x.passed || /run out of disk space/.test(x.message), `${x.id}: ${x.message}`);
    }
    assert.ok(
      tmpFull.results.some((x) => /run out of disk space/.test(x.message)),
      'a task that needs to start a process says the disk is full',
    );

    await s.sh(s.attacker, 'rm -f /root/fill /var/lib/docker/fill /tmp/fill /opt/fill /usr/bin/pwned');
    await s.sh(s.attacker, 'docker rm -f busybox1 busybox2 >/dev/null; docker network rm my-net >/dev/null');
    await attackerRecovers();
    await assertVictimWorks(s);
    t.diagnostic(
      `stopped by: the per-sandbox ${DISK_MB} MiB ext4 loop disk, the 256 MiB /tmp tmpfs, the node root's upper layer on that disk`,
    );
  });

  test('CPU spinners are held to the quota', async (t) => {
    const usage0 = Number(await s.readCgroup('cpuacct', s.attacker, 'cpuacct.usage'));
    const stat0 = await s.readCgroup('cpu', s.attacker, 'cpu.stat', true);
    const started = Date.now();
    await s.sh(s.attacker, "for i in 1 2 3; do timeout 4 bash -c 'while :; do :; done' & done; wait", 30_000);
    const wall = (Date.now() - started) / 1000;
    const usage = (Number(await s.readCgroup('cpuacct', s.attacker, 'cpuacct.usage')) - usage0) / 1e9;
    const stat1 = await s.readCgroup('cpu', s.attacker, 'cpu.stat', true);
    const num = (stat: string, k: string) => Number(stat.match(new RegExp(`${k} (\\d+)`))?.[1]);
    t.diagnostic(
      `tried: 3 busy loops for 4 s; sandbox used ${usage.toFixed(2)} CPU-s in ${wall.toFixed(1)} s wall (quota ${LIMITS.cpus} CPU); throttled ${num(stat1, 'nr_throttled') - num(stat0, 'nr_throttled')} periods, ${((num(stat1, 'throttled_time') - num(stat0, 'throttled_time')) / 1e9).toFixed(2)} s`,
    );
    assert.ok(num(stat1, 'nr_throttled') > num(stat0, 'nr_throttled'), 'the CFS quota throttled the sandbox');
    assert.ok(num(stat1, 'throttled_time') > num(stat0, 'throttled_time'));
    await assertVictimWorks(s);
    t.diagnostic(
      `stopped by: cpu.cfs_quota_us ${LIMITS.cpus * 100_000} per 100 ms on the per-sandbox parent`,
    );
  });
});
