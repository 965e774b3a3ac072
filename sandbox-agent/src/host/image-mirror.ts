import { spawn } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { ensureSandboxOnlyPort } from '../network/sandbox-firewall.ts';
import { COURSE_IMAGE_REFS } from './course-images.ts';
import { freePort } from './free-port.ts';
import { docker, hashOf, imageId } from './image-build-support.ts';
import { HostError, info, step } from './progress.ts';

// The course image mirror: Debian's docker-registry on this worker host, READ-ONLY, holding the course
// images as library/<name> so a node's `docker pull nginx` works through "registry-mirrors". Sandboxes
// reach it through their bridge gateway; a host firewall guard keeps every other interface out.

export const MIRROR = {
  storage: '/var/lib/berth/mirror/registry',
  seededMarker: '/var/lib/berth/mirror/seeded',
  configFile: '/etc/berth/mirror.yml',
  pidfile: '/run/berth/mirror.pid',
  log: '/var/log/berth-mirror.log',
} as const;

function registryConfig(addr: string, readonly: boolean): string {
  return [
    'version: 0.1',
    'log:',
    '  level: warn',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${MIRROR.storage}`,
    '  maintenance:',
    '    uploadpurging:',
    '      enabled: false',
    '    readonly:',
    `      enabled: ${readonly}`,
    'http:',
    `  addr: ${addr}`,
    '',
  ].join('\n');
}

export async function mirrorAnswers(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/v2/`, { signal: AbortSignal.timeout(2000) });
    return res.ok;
  } catch {
    return false;
  }
}

async function waitAnswers(port: number, child: ReturnType<typeof spawn>, log: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await mirrorAnswers(port)) return;
    if (child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const tail = (await fsp.readFile(log, 'utf8').catch(() => '')).trim().split('\n').slice(-5).join('\n');
  throw new HostError(`docker-registry did not answer on port ${port}:\n${tail}`);
}

function startRegistry(configFile: string, log: string): ReturnType<typeof spawn> {
  const out = fs.openSync(log, 'a');
  const child = spawn('docker-registry', ['serve', configFile], {
    detached: true,
    stdio: ['ignore', out, out],
  });
  child.unref();
  return child;
}

// Pushes the course images through a short-lived WRITABLE registry on loopback into the same storage.
export async function seedMirror(force: boolean): Promise<void> {
  const ids = await Promise.all(COURSE_IMAGE_REFS.map(async (r) => `${r}=${await imageId(r)}`));
  const hash = hashOf(...ids);
  const seeded = await fsp.readFile(MIRROR.seededMarker, 'utf8').catch(() => '');
  if (!force && seeded.trim() === hash) return info('image mirror: up to date');
  await step(`Seeding the image mirror (${COURSE_IMAGE_REFS.length} course image tags)`, async () => {
    await fsp.mkdir(MIRROR.storage, { recursive: true });
    const port = await freePort();
    const configFile = path.join(path.dirname(MIRROR.seededMarker), 'seed.yml');
    await fsp.writeFile(configFile, registryConfig(`127.0.0.1:${port}`, false));
    const child = startRegistry(configFile, MIRROR.log);
    try {
      await waitAnswers(port, child, MIRROR.log);
      for (const ref of COURSE_IMAGE_REFS) {
        const target = `127.0.0.1:${port}/library/${ref}`;
        await docker(['tag', ref, target]);
        try {
          await docker(['push', '-q', target]);
        } finally {
          await docker(['rmi', target]).catch(() => '');
        }
      }
    } finally {
      child.kill('SIGTERM');
    }
    await fsp.writeFile(MIRROR.seededMarker, `${hash}\n`);
  });
}

// Starts the read-only mirror on all interfaces, behind the guard (only loopback and sandbox bridges).
export async function ensureImageMirror(port: number): Promise<void> {
  await ensureSandboxOnlyPort(port);
  const wanted = registryConfig(`:${port}`, true);
  const current = await fsp.readFile(MIRROR.configFile, 'utf8').catch(() => '');
  if ((await mirrorAnswers(port)) && current === wanted) return;
  await step(`Starting the image mirror on port ${port} (sandboxes only)`, async () => {
    const pid = Number(await fsp.readFile(MIRROR.pidfile, 'utf8').catch(() => ''));
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
        await new Promise((r) => setTimeout(r, 300));
      } catch {}
    }
    await fsp.mkdir(path.dirname(MIRROR.configFile), { recursive: true });
    await fsp.mkdir(path.dirname(MIRROR.pidfile), { recursive: true });
    await fsp.mkdir(MIRROR.storage, { recursive: true });
    await fsp.writeFile(MIRROR.configFile, wanted);
    const child = startRegistry(MIRROR.configFile, MIRROR.log);
    await fsp.writeFile(MIRROR.pidfile, `${child.pid}\n`);
    await waitAnswers(port, child, MIRROR.log);
  });
}
