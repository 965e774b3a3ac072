import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { HostError } from './progress.ts';

// The worker host's long-running services (the image mirror, the apt archive, the pull-throughs) outlive
// the command that starts them: each is a detached process with a pidfile and a log of its own.

export interface DetachedService {
  pidfile: string;
  log: string;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

// Sends SIGTERM to the process in `pidfile` (if any) and waits up to 3 s for it to go, so its port is free.
export async function stopDetached(s: DetachedService): Promise<void> {
  const pid = Number(await fsp.readFile(s.pidfile, 'utf8').catch(() => ''));
  if (pid > 0 && alive(pid)) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
    for (let i = 0; i < 30 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  }
  await fsp.rm(s.pidfile, { force: true });
}

// Starts `cmd` detached (output appended to the log), records its pid and waits until `answers` says so.
export async function startDetached(
  s: DetachedService,
  cmd: string,
  args: string[],
  answers: () => Promise<boolean>,
  opts: { cwd?: string; what: string },
): Promise<void> {
  await fsp.mkdir(path.dirname(s.pidfile), { recursive: true });
  const out = fs.openSync(s.log, 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', out, out], cwd: opts.cwd });
  fs.closeSync(out);
  child.unref();
  await fsp.writeFile(s.pidfile, `${child.pid}\n`);
  for (let i = 0; i < 100; i++) {
    if (await answers()) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = (await fsp.readFile(s.log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n');
  throw new HostError(`${opts.what} did not answer:\n${tail}`);
}
