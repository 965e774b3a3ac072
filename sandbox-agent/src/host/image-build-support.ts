import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AgentConfig, agentConfig } from '../config.ts';
import { step } from './progress.ts';
import { sh } from './shell.ts';

// What every image build step shares: the sandbox engine's docker CLI, input hashes stored as image
// labels (so unchanged images are skipped) and throwaway build contexts.

export const IMAGES_DIR = fileURLToPath(new URL('../../images', import.meta.url));
export const BUILD_DIR = '/var/lib/berth/build';
export const HASH_LABEL = 'berth.input-hash';
export const SUITE = 'bookworm';
// Sandbox nodes run Debian 13: its docker.io (26.x) has BuildKit, compose v2 and buildx; bookworm's 20.10 has none.
export const NODE_SUITE = 'trixie';

// The docker CLI pointed at the sandbox engine (BERTH_ENGINE_SOCKET), never at the host's own engine.
export function dockerEnv(c: AgentConfig = agentConfig()): NodeJS.ProcessEnv {
  return { ...process.env, DOCKER_HOST: `unix://${c.BERTH_ENGINE_SOCKET}`, DOCKER_BUILDKIT: '0' };
}
export const docker = (args: string[], input?: string) =>
  sh('docker', args, { env: dockerEnv(), ...(input === undefined ? {} : { input }) });

export function hashOf(...parts: (string | Buffer)[]): string {
  const h = createHash('sha256');
  for (const p of parts) h.update(p).update('\0');
  return h.digest('hex').slice(0, 16);
}

export async function dirHash(dir: string): Promise<string> {
  const names = (await fs.readdir(dir)).sort();
  const parts: (string | Buffer)[] = [];
  for (const n of names) parts.push(n, await fs.readFile(path.join(dir, n)));
  return hashOf(...parts);
}

export async function imageHash(name: string): Promise<string | undefined> {
  try {
    const out = await docker(['image', 'inspect', '-f', `{{ index .Config.Labels "${HASH_LABEL}" }}`, name]);
    return out.trim() || undefined;
  } catch {
    return undefined;
  }
}

export async function imageId(name: string): Promise<string> {
  return (await docker(['image', 'inspect', '-f', '{{.Id}}', name])).trim();
}

export async function withContext<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-build-'));
  try {
    return await fn(dir);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

export async function copyDir(from: string, to: string): Promise<void> {
  await fs.mkdir(to, { recursive: true });
  for (const f of await fs.readdir(from)) await fs.copyFile(path.join(from, f), path.join(to, f));
}

export async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

// A minbase of `suite` (SUITE unless told) from BERTH_DEBIAN_MIRROR, written to `out`.
export function mmdebstrapArgs(
  out: string,
  packages: string[],
  extra: string[] = [],
  c: AgentConfig = agentConfig(),
  suite: string = SUITE,
): string[] {
  return [
    '--variant=minbase',
    ...(packages.length ? [`--include=${packages.join(',')}`] : []),
    '--dpkgopt=path-exclude=/usr/share/doc/*',
    '--dpkgopt=path-exclude=/usr/share/man/*',
    '--dpkgopt=path-exclude=/usr/share/locale/*',
    ...extra,
    suite,
    out,
    c.BERTH_DEBIAN_MIRROR,
  ];
}

// mmdebstrap picks its output format from the name; the rename makes a finished build atomic.
export async function mmdebstrap(
  out: string,
  packages: string[],
  extra: string[] = [],
  suite: string = SUITE,
): Promise<void> {
  const partial = out.endsWith('.tar') ? out.replace(/\.tar$/, '.partial.tar') : `${out}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  await sh('mmdebstrap', mmdebstrapArgs(partial, packages, extra, agentConfig(), suite));
  await fs.rm(out, { recursive: true, force: true });
  await fs.rename(partial, out);
}

// A Debian root filesystem made by mmdebstrap (its tar cached in BUILD_DIR by input hash) and imported as
// `tag`, labelled with that hash; nothing is done when the image already carries it.
export async function importDebianRootfs(input: {
  tag: string;
  hash: string;
  tarName: string;
  packages: string[];
  changes?: string[];
  buildTitle: string;
  force: boolean;
  suite?: string;
  // More mmdebstrap options (e.g. a --customize-hook).
  extra?: string[];
}): Promise<'built' | 'up to date'> {
  const { tag, hash, force } = input;
  if (!force && (await imageHash(tag)) === hash) return 'up to date';
  const tar = path.join(BUILD_DIR, `${input.tarName}-${hash}.tar`);
  await fs.mkdir(BUILD_DIR, { recursive: true });
  if (force || !(await exists(tar)))
    await step(input.buildTitle, () =>
      mmdebstrap(tar, input.packages, input.extra ?? [], input.suite ?? SUITE),
    );
  const changes = [`LABEL ${HASH_LABEL}=${hash}`, ...(input.changes ?? [])].flatMap((c) => ['--change', c]);
  await step(`Importing ${tag}`, () => docker(['import', ...changes, tar, tag]));
  return 'built';
}
