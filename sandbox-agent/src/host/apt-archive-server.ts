import fsp from 'node:fs/promises';
import path from 'node:path';
import { ensureSandboxOnlyPort } from '../network/sandbox-firewall.ts';
import { APT_ARCHIVE } from './apt-archive.ts';
import { startDetached, stopDetached } from './detached-process.ts';
import { step } from './progress.ts';
import { ensurePullThrough, stopPullThrough, type UpstreamDebianSettings } from './pull-through-service.ts';

// Serves the offline apt archive (apt-archive.ts) on all interfaces, behind a guard that admits only
// loopback and the sandbox bridges. The server is BusyBox httpd, already on every worker host (Debian
// busybox-static builds the busybox image): it serves static files for GET/HEAD and answers every other
// method with 501, has no proxy mode, and runs as nobody after binding, so it cannot write the archive
// (owned by root) even if it wanted to. A few dozen sandboxes fetching .debs is well within its means.
// On an online host (BERTH_UPSTREAM_DEBIAN_MIRROR) the apt pull-through (pull-through/apt-pull-through.ts)
// serves the port instead: that Debian mirror, cached, under the same http://berth-apt/debian.

const SERVER = {
  configFile: '/etc/berth/apt-httpd.conf',
  pidfile: '/run/berth/apt-archive.pid',
  log: '/var/log/berth-apt-archive.log',
} as const;

const UPSTREAM_CACHE = '/var/lib/berth/apt-upstream';

// No CGI, no auth, no proxy: only MIME types, so apt and browsers see what the files are.
const HTTPD_CONFIG = ['.deb:application/vnd.debian.binary-package', '.txt:text/plain', ''].join('\n');

export async function aptArchiveAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/packages.txt`, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return res.ok;
  } catch {
    return false;
  }
}

// Any HTTP answer: the pull-through serves archive paths only.
async function pullThroughAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(2000) });
    await res.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

function httpdArgs(port: number): string[] {
  return [
    'httpd',
    '-f',
    '-p',
    `${port}`,
    '-h',
    APT_ARCHIVE.root,
    '-u',
    'nobody:nogroup',
    '-c',
    SERVER.configFile,
  ];
}

export async function ensureAptArchiveServer(port: number, upstream?: UpstreamDebianSettings): Promise<void> {
  await ensureSandboxOnlyPort(port, 'tcp', 'BERTH-APT');
  if (upstream) {
    await stopDetached(SERVER);
    await fsp.rm(SERVER.configFile, { force: true });
    const { url, keyring, refreshSeconds } = upstream;
    const config = {
      kind: 'apt' as const,
      port,
      upstream: url,
      keyring,
      refreshSeconds,
      cacheDir: UPSTREAM_CACHE,
    };
    return ensurePullThrough(config, () => pullThroughAnswers(port));
  }
  await stopPullThrough('apt');
  const wanted = `${HTTPD_CONFIG}#${httpdArgs(port).join(' ')}\n`;
  const current = await fsp.readFile(SERVER.configFile, 'utf8').catch(() => '');
  if ((await aptArchiveAnswers(port)) && current === wanted) return;
  await step(`Starting the apt archive on port ${port} (sandboxes only, read-only)`, async () => {
    await stopDetached(SERVER);
    await fsp.mkdir(path.dirname(SERVER.configFile), { recursive: true });
    await fsp.writeFile(SERVER.configFile, wanted);
    await startDetached(SERVER, 'busybox', httpdArgs(port), () => aptArchiveAnswers(port), {
      what: 'the apt archive server',
    });
  });
}
