import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ensureSandboxOnlyPort } from '../network/sandbox-firewall.ts';
import { APT_ARCHIVE } from './apt-archive.ts';
import { HostError, step } from './progress.ts';

// Serves the offline apt archive (apt-archive.ts) on all interfaces, behind a guard that admits only
// loopback and the sandbox bridges. The server is BusyBox httpd, already on every worker host (Debian
// busybox-static builds the busybox image): it serves static files for GET/HEAD and answers every other
// method with 501, has no proxy mode, and runs as nobody after binding, so it cannot write the archive
// (owned by root) even if it wanted to. A few dozen sandboxes fetching .debs is well within its means.

const SERVER = {
  configFile: '/etc/berth/apt-httpd.conf',
  pidfile: '/run/berth/apt-archive.pid',
  log: '/var/log/berth-apt-archive.log',
} as const;

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

async function waitAnswers(port: number, child: ReturnType<typeof spawn>): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await aptArchiveAnswers(port)) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = (await fsp.readFile(SERVER.log, 'utf8').catch(() => ''))
    .trim()
    .split('\n')
    .slice(-5)
    .join('\n');
  throw new HostError(`the apt archive server did not answer on port ${port}:\n${tail}`);
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

export async function ensureAptArchiveServer(port: number): Promise<void> {
  await ensureSandboxOnlyPort(port, 'tcp', 'BERTH-APT');
  const wanted = `${HTTPD_CONFIG}#${httpdArgs(port).join(' ')}\n`;
  const current = await fsp.readFile(SERVER.configFile, 'utf8').catch(() => '');
  if ((await aptArchiveAnswers(port)) && current === wanted) return;
  await step(`Starting the apt archive on port ${port} (sandboxes only, read-only)`, async () => {
    const pid = Number(await fsp.readFile(SERVER.pidfile, 'utf8').catch(() => ''));
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
        await new Promise((r) => setTimeout(r, 300));
      } catch {}
    }
    await fsp.mkdir(path.dirname(SERVER.configFile), { recursive: true });
    await fsp.mkdir(path.dirname(SERVER.pidfile), { recursive: true });
    await fsp.writeFile(SERVER.configFile, wanted);
    const out = fs.openSync(SERVER.log, 'a');
    const child = spawn('busybox', httpdArgs(port), { detached: true, stdio: ['ignore', out, out] });
    child.unref();
    await fsp.writeFile(SERVER.pidfile, `${child.pid}\n`);
    await waitAnswers(port, child);
  });
}
