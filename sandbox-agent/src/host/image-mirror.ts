import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { ensureSandboxOnlyPort } from '../network/sandbox-firewall.ts';
import { COURSE_IMAGE_REFS } from './course-images.ts';
import { startDetached, stopDetached } from './detached-process.ts';
import { freePort } from './free-port.ts';
import { docker, hashOf, imageId } from './image-build-support.ts';
import { info, step } from './progress.ts';
import { ensurePullThrough, stopPullThrough, type UpstreamRegistrySettings } from './pull-through-service.ts';

// The course image mirror: Debian's docker-registry on this worker host, READ-ONLY, holding the course
// images as library/<name> so a node's `docker pull nginx` works through "registry-mirrors". Sandboxes
// reach it through their bridge gateway; a host firewall guard keeps every other interface out.
// On an online host (BERTH_UPSTREAM_REGISTRY) the registry listens on a local socket instead, and the
// registry pull-through (pull-through/registry-pull-through.ts) takes the port: course images first, then
// the upstream registry through a cache.

export const MIRROR = {
  storage: '/var/lib/berth/mirror/registry',
  seededMarker: '/var/lib/berth/mirror/seeded',
  configFile: '/etc/berth/mirror.yml',
  pidfile: '/run/berth/mirror.pid',
  log: '/var/log/berth-mirror.log',
  // Where the registry listens when the pull-through holds the port, and where that keeps upstream's images.
  localSocket: '/run/berth/mirror.sock',
  upstreamCache: '/var/lib/berth/mirror/upstream',
} as const;

// `addr` is host:port, or a socket path with net "unix".
export function registryConfig(addr: string, readonly: boolean, net: 'tcp' | 'unix' = 'tcp'): string {
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
    ...(net === 'unix' ? ['  net: unix'] : []),
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

// The registry on its local socket (online hosts) answers /v2/.
function socketAnswers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/v2/', timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

function startRegistry(
  s: { pidfile: string; log: string },
  configFile: string,
  answers: () => Promise<boolean>,
): Promise<void> {
  return startDetached(s, 'docker-registry', ['serve', configFile], answers, { what: 'docker-registry' });
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
    const seeder = { pidfile: path.join(path.dirname(MIRROR.seededMarker), 'seed.pid'), log: MIRROR.log };
    try {
      await startRegistry(seeder, configFile, () => mirrorAnswers(port));
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
      await stopDetached(seeder);
    }
    await fsp.writeFile(MIRROR.seededMarker, `${hash}\n`);
  });
}

// Starts the read-only mirror on all interfaces, behind the guard (only loopback and sandbox bridges); with
// an upstream, the registry pull-through there and the mirror itself on its local socket.
export async function ensureImageMirror(port: number, upstream?: UpstreamRegistrySettings): Promise<void> {
  await ensureSandboxOnlyPort(port);
  if (!upstream) {
    await stopPullThrough('registry');
    return ensureRegistry(
      registryConfig(`:${port}`, true),
      () => mirrorAnswers(port),
      `on port ${port} (sandboxes only)`,
    );
  }
  await ensureRegistry(
    registryConfig(MIRROR.localSocket, true, 'unix'),
    () => socketAnswers(MIRROR.localSocket),
    'on a local socket, behind the registry pull-through',
  );
  await ensurePullThrough(
    {
      kind: 'registry',
      port,
      localSocket: MIRROR.localSocket,
      upstream: upstream.url,
      username: upstream.username,
      password: upstream.password,
      cacheDir: MIRROR.upstreamCache,
      refreshSeconds: upstream.refreshSeconds,
    },
    () => mirrorAnswers(port),
  );
}

async function ensureRegistry(wanted: string, answers: () => Promise<boolean>, where: string): Promise<void> {
  const current = await fsp.readFile(MIRROR.configFile, 'utf8').catch(() => '');
  if ((await answers()) && current === wanted) return;
  await step(`Starting the image mirror ${where}`, async () => {
    await stopDetached(MIRROR);
    await fsp.mkdir(path.dirname(MIRROR.configFile), { recursive: true });
    await fsp.mkdir(MIRROR.storage, { recursive: true });
    // A socket left by an earlier run would make the registry's listen fail.
    await fsp.rm(MIRROR.localSocket, { force: true });
    await fsp.writeFile(MIRROR.configFile, wanted);
    await startRegistry(MIRROR, MIRROR.configFile, answers);
  });
}
