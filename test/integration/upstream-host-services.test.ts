import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { docker } from '../../sandbox-agent/src/host/image-build-support.ts';
import { standInRegistry } from '../support/upstream-stand-ins.ts';

const run = promisify(execFile);

// The worker host's side of BERTH_UPSTREAM_REGISTRY / BERTH_UPSTREAM_DEBIAN_MIRROR: `./berth images` runs
// ensureImageMirror and ensureAptArchiveServer, which move the course registry to its socket and start the
// pull-through processes, leave them be when nothing changed, and go back to exactly the offline setup
// when the settings are unset. Done for real, in a network and mount namespace of its own
// (test/support/host-services-scenario.ts), so the host's mirror and archive on 5480/5481 are untouched.
let tmp: string;
before(async () => {
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-host-services-'));
  const registry = await standInRegistry(tmp, { user: 'u', password: 'p' });
  try {
    await docker(['tag', 'busybox', `${registry.pushTo}/library/upstream-only:1`]);
    await docker(['push', '-q', `${registry.pushTo}/library/upstream-only:1`]);
    await docker(['rmi', `${registry.pushTo}/library/upstream-only:1`]);
  } finally {
    await registry.close();
  }
});
after(() => fs.rm(tmp, { recursive: true, force: true }));

test('the host switches its mirror and apt archive to the pull-throughs and back', async (t) => {
  const scenario = fileURLToPath(new URL('../support/host-services-scenario.ts', import.meta.url));
  const orig = path.join(tmp, 'orig');
  // Private copies of where the host services keep their state; the course registry and the offline
  // archive stay visible (read-only) where the ensure functions expect them.
  const prelude = [
    'set -e',
    'ip link set lo up',
    'for d in /etc/berth /run/berth /var/log; do mkdir -p $d; mount -t tmpfs tmpfs $d; done',
    `mkdir -p ${orig} && mount --rbind /var/lib/berth ${orig}`,
    'mount -t tmpfs tmpfs /var/lib/berth',
    'mkdir -p /var/lib/berth/mirror/registry /var/lib/berth/apt',
    `mount --bind ${orig}/mirror/registry /var/lib/berth/mirror/registry`,
    'mount -o remount,bind,ro /var/lib/berth/mirror/registry',
    `mount --bind ${orig}/apt /var/lib/berth/apt`,
    'exec "$@"',
  ].join('\n');
  const started = Date.now();
  const { stdout } = await run(
    'unshare',
    [
      '--mount',
      '--net',
      '--propagation',
      'private',
      'sh',
      '-c',
      prelude,
      'sh',
      process.execPath,
      '--import',
      'tsx',
      scenario,
      path.join(tmp, 'storage'),
    ],
    { timeout: 60_000 },
  );
  t.diagnostic(`switch on, again, off: ${Date.now() - started} ms`);
  const seen = JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
  assert.equal(seen.error, undefined, seen.error);
  assert.equal(seen.on.upstreamOnly, 200, 'upstream-only image through the mirror port');
  assert.equal(seen.on.course, 200, 'course image through the mirror port');
  assert.equal(
    seen.on.inRelease,
    200,
    `a signed InRelease through the apt port; its log:\n${seen.on.aptLog}`,
  );
  assert.ok(seen.on.registryPid && seen.on.aptPid, 'both pull-throughs recorded');
  assert.equal(seen.on.httpdPid, null, 'BusyBox httpd gave up the apt port');
  assert.equal(seen.on.configMode, '600', 'the file with the upstream password is root-only');
  assert.equal(seen.on.unchangedPids, true, 'a second run with the same settings restarts nothing');
  assert.equal(seen.off.upstreamOnly, 404);
  assert.equal(seen.off.course, 200);
  assert.equal(seen.off.packagesTxt, 200, 'the offline archive is back');
  assert.equal(seen.off.inRelease, 404);
  assert.equal(seen.off.registryPid, null);
  assert.equal(seen.off.aptPid, null);
  assert.match(seen.off.registryConfig, /^ {2}addr: :5480$/m);
  assert.doesNotMatch(seen.off.registryConfig, /net: unix/);
});
