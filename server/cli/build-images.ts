import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { info, step } from './progress.ts';
import { ENGINE } from './sandbox-engine.ts';
import { sh } from './shell.ts';

// Builds the sandbox images offline on the sandbox engine, from Debian packages only, and skips any
// image whose inputs have not changed (each image carries the hash of its inputs as a label).

const IMAGES_DIR = path.resolve('sandbox-agent/images');
const BUILD_DIR = '/var/lib/berth/build';
const HASH_LABEL = 'berth.input-hash';
const DEBIAN_MIRROR = process.env.BERTH_DEBIAN_MIRROR ?? 'http://deb.debian.org/debian';
const SUITE = 'bookworm';

// The node: a small Debian with a Docker engine and the tools a learner expects in a shell.
export const NODE_PACKAGES = [
  'docker.io',
  'iptables',
  'iproute2',
  'procps',
  'bash',
  'curl',
  'vim-tiny',
  'less',
  'ca-certificates',
  'bash-completion',
  'iputils-ping',
  'kmod',
];

const dockerEnv = { ...process.env, DOCKER_HOST: `unix://${ENGINE.socket}`, DOCKER_BUILDKIT: '0' };
const docker = (args: string[]) => sh('docker', args, { env: dockerEnv });

function hashOf(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
}

async function dirHash(dir: string): Promise<string> {
  const names = (await fs.readdir(dir)).sort();
  const parts: (string | Buffer)[] = [];
  for (const n of names) parts.push(n, await fs.readFile(path.join(dir, n)));
  return hashOf(...parts);
}

async function imageHash(name: string): Promise<string | undefined> {
  try {
    const out = await docker(['image', 'inspect', '-f', `{{ index .Config.Labels "${HASH_LABEL}" }}`, name]);
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function withContext<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-build-'));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

async function buildBusybox(force: boolean): Promise<void> {
  const binary = await fs.readFile('/bin/busybox');
  const hash = hashOf(await dirHash(path.join(IMAGES_DIR, 'busybox')), binary);
  if (!force && (await imageHash('busybox:latest')) === hash) return info('busybox: up to date');
  await step('Building image busybox (from Debian busybox-static)', () =>
    withContext(async (ctx) => {
      await fs.copyFile(path.join(IMAGES_DIR, 'busybox/Dockerfile'), path.join(ctx, 'Dockerfile'));
      await fs.copyFile('/bin/busybox', path.join(ctx, 'busybox'));
      await docker(['build', '-q', '--label', `${HASH_LABEL}=${hash}`, '-t', 'busybox:latest', ctx]);
    }),
  );
}

async function buildNodeRootfs(force: boolean): Promise<string> {
  const hash = hashOf(SUITE, NODE_PACKAGES.join(','));
  const tag = `berth/node-rootfs:${hash}`;
  if (!force && (await imageHash(tag)) === hash) {
    info('node rootfs: up to date');
    return tag;
  }
  const tar = path.join(BUILD_DIR, `node-rootfs-${hash}.tar`);
  await fs.mkdir(BUILD_DIR, { recursive: true });
  const cached = await fs.stat(tar).then(
    (s) => s.size > 0,
    () => false,
  );
  if (!cached || force) {
    await step(
      `Building the node root filesystem with mmdebstrap (${SUITE}, ${NODE_PACKAGES.length} packages)`,
      async () => {
        const partial = tar.replace(/\.tar$/, '.partial.tar'); // mmdebstrap picks its output format from the extension
        await sh('mmdebstrap', [
          '--variant=minbase',
          `--include=${NODE_PACKAGES.join(',')}`,
          '--dpkgopt=path-exclude=/usr/share/doc/*',
          '--dpkgopt=path-exclude=/usr/share/man/*',
          '--dpkgopt=path-exclude=/usr/share/locale/*',
          SUITE,
          partial,
          DEBIAN_MIRROR,
        ]);
        await fs.rename(partial, tar);
      },
    );
  }
  await step('Importing the node root filesystem', () =>
    docker(['import', '--change', `LABEL ${HASH_LABEL}=${hash}`, tar, tag]),
  );
  return tag;
}

async function buildNode(rootfsTag: string, force: boolean): Promise<void> {
  const busyboxId = (await docker(['image', 'inspect', '-f', '{{.Id}}', 'busybox:latest'])).trim();
  const hash = hashOf(await dirHash(path.join(IMAGES_DIR, 'node')), rootfsTag, busyboxId);
  if (!force && (await imageHash('berth/node:latest')) === hash) return info('berth/node: up to date');
  await step('Building image berth/node (sandbox node with its own Docker engine)', () =>
    withContext(async (ctx) => {
      for (const f of await fs.readdir(path.join(IMAGES_DIR, 'node'))) {
        await fs.copyFile(path.join(IMAGES_DIR, 'node', f), path.join(ctx, f));
      }
      // The course images every node starts with, loaded into its inner engine at boot.
      await fs.mkdir(path.join(ctx, 'images'));
      await docker(['save', '-o', path.join(ctx, 'images', 'busybox.tar'), 'busybox:latest']);
      await docker([
        'build',
        '-q',
        '--build-arg',
        `ROOTFS=${rootfsTag}`,
        '--label',
        `${HASH_LABEL}=${hash}`,
        '-t',
        'berth/node:latest',
        ctx,
      ]);
    }),
  );
}

export async function buildImages(opts: { force?: boolean } = {}): Promise<void> {
  const force = !!opts.force;
  await buildBusybox(force);
  const rootfs = await buildNodeRootfs(force);
  await buildNode(rootfs, force);
}

export async function imagesPresent(): Promise<boolean> {
  return !!(await imageHash('berth/node:latest')) && !!(await imageHash('busybox:latest'));
}
