import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureAptArchiveServer } from '../../sandbox-agent/src/host/apt-archive-server.ts';
import { ensureImageMirror } from '../../sandbox-agent/src/host/image-mirror.ts';
import { freePort } from './free-port.ts';
import { standInDebianMirror } from './upstream-stand-ins.ts';

// Run by test/integration/upstream-host-services.test.ts inside a network and mount namespace of its own
// (fresh loopback and firewall; private /etc/berth, /run/berth, /var/log, /var/lib/berth): the worker
// host's real ensure functions switch the mirror and the apt archive to their pull-throughs and back,
// next to nothing of the host's. Prints one JSON line of what it saw. argv[2]: a registry storage holding
// library/upstream-only:1.

const [, , upstreamStorage] = process.argv;
if (!upstreamStorage) throw new Error('usage: host-services-scenario.ts <upstream registry storage>');
const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-host-switch-'));
const seen: Record<string, unknown> = {};
const children: ReturnType<typeof spawn>[] = [];
try {
  const upstreamPort = await freePort();
  const config = path.join(tmp, 'upstream.yml');
  await fs.writeFile(
    config,
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${upstreamStorage}\n  maintenance:\n    readonly:\n      enabled: true\nhttp:\n  addr: 127.0.0.1:${upstreamPort}\n`,
  );
  children.push(spawn('docker-registry', ['serve', config], { stdio: 'ignore' }));
  const debian = await standInDebianMirror(tmp, {
    name: 'berth-upstream-demo',
    says: 'hi',
    suite: 'bookworm',
  });

  // As docker asks for a manifest (a registry answers a bare Accept with a schema 1 conversion, or 400).
  const accept =
    'application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json';
  const status = async (url: string) => (await fetch(url, { headers: { accept } })).status;
  const pid = (name: string) =>
    fs.readFile(`/run/berth/${name}.pid`, 'utf8').then(
      (s) => s.trim(),
      () => null,
    );
  const mirror = 'http://127.0.0.1:5480/v2/library';
  const upstream = { url: `http://127.0.0.1:${upstreamPort}`, refreshSeconds: 600 };
  const debianUpstream = { url: debian.url, keyring: debian.keyring, refreshSeconds: 600 };

  await ensureImageMirror(5480, upstream);
  await ensureAptArchiveServer(5481, debianUpstream);
  const on = {
    upstreamOnly: await status(`${mirror}/upstream-only/manifests/1`),
    course: await status(`${mirror}/busybox/manifests/latest`),
    inRelease: await status('http://127.0.0.1:5481/debian/dists/bookworm/InRelease'),
    registryPid: await pid('pull-through-registry'),
    aptPid: await pid('pull-through-apt'),
    httpdPid: await pid('apt-archive'),
    aptLog: await fs.readFile('/var/log/berth-pull-through-apt.log', 'utf8').catch(() => ''),
    configMode: ((await fs.stat('/etc/berth/pull-through-registry.json')).mode & 0o777).toString(8),
  };
  await ensureImageMirror(5480, upstream);
  await ensureAptArchiveServer(5481, debianUpstream);
  seen.on = {
    ...on,
    unchangedPids:
      (await pid('pull-through-registry')) === on.registryPid &&
      (await pid('pull-through-apt')) === on.aptPid,
  };

  await ensureImageMirror(5480, undefined);
  await ensureAptArchiveServer(5481, undefined);
  seen.off = {
    upstreamOnly: await status(`${mirror}/upstream-only/manifests/1`),
    course: await status(`${mirror}/busybox/manifests/latest`),
    packagesTxt: await status('http://127.0.0.1:5481/packages.txt'),
    inRelease: await status('http://127.0.0.1:5481/debian/dists/bookworm/InRelease'),
    registryPid: await pid('pull-through-registry'),
    aptPid: await pid('pull-through-apt'),
    registryConfig: await fs.readFile('/etc/berth/mirror.yml', 'utf8'),
  };
  await debian.close();
} catch (e) {
  seen.error = e instanceof Error ? e.stack : String(e);
} finally {
  // Every pidfile here is this namespace's own (/run/berth is a private tmpfs).
  for (const f of await fs.readdir('/run/berth').catch(() => [])) {
    if (!f.endsWith('.pid')) continue;
    const n = Number(await fs.readFile(path.join('/run/berth', f), 'utf8'));
    if (n > 0) process.kill(n, 'SIGTERM');
  }
  for (const c of children) c.kill('SIGTERM');
  await fs.rm(tmp, { recursive: true, force: true });
  console.log(JSON.stringify(seen));
}
