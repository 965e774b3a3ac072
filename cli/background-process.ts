import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

// Long-running Berth processes started by `./berth up`: detached, logged to BERTH_HOME/logs, tracked by pidfile.
export function pidfile(home: string, name: string): string {
  return path.join(home, 'run', `${name}.pid`);
}

export function logfile(home: string, name: string): string {
  return path.join(home, 'logs', `${name}.log`);
}

export async function runningPid(home: string, name: string): Promise<number | undefined> {
  const pid = Number(await fsp.readFile(pidfile(home, name), 'utf8').catch(() => ''));
  if (!pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

export async function startBackground(
  home: string,
  name: string,
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<number> {
  await fsp.mkdir(path.join(home, 'run'), { recursive: true });
  await fsp.mkdir(path.join(home, 'logs'), { recursive: true });
  const log = fs.openSync(logfile(home, name), 'a');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', log, log], env });
  child.unref();
  if (!child.pid) throw new Error(`could not start ${name}`);
  await fsp.writeFile(pidfile(home, name), String(child.pid));
  return child.pid;
}

export async function stopBackground(home: string, name: string, timeoutMs = 10_000): Promise<boolean> {
  const pid = await runningPid(home, name);
  if (!pid) return false;
  try {
    process.kill(-pid, 'SIGTERM'); // the whole process group (tsx spawns a child)
  } catch {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {}
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && (await runningPid(home, name)))
    await new Promise((r) => setTimeout(r, 100));
  if (await runningPid(home, name)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
  }
  await fsp.rm(pidfile(home, name), { force: true });
  return true;
}

export async function tailLog(home: string, name: string, lines = 15): Promise<string> {
  const text = await fsp.readFile(logfile(home, name), 'utf8').catch(() => '');
  return text.trim().split('\n').slice(-lines).join('\n');
}
