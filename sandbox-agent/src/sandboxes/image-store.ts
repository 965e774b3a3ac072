import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { z } from 'zod';
import { BerthError } from '../../../contract/errors.ts';

const run = promisify(execFile);

// The shared read-only image store (built by `./berth images`, sandbox-agent/src/host/image-store-builder.ts): a template
// /var/lib/docker holding the course images. A node gets a private copy of the small metadata (image/,
// and per layer its link/lower files in a directory of its own) while each layer's diff/ — the actual
// files — comes from ONE read-only bind mount of the template: a symlink into it, or for a bottom layer
// (no lower file) a bind mount of it (sandbox-agent/images/node/berth-mount-store-layers, before each
// dockerd start). Every course image is there at once, nothing big is copied, and `docker rmi` inside only removes the node's own small copy. Each layer's tar-split
// (how to rebuild its tar for `docker save`/`push`; it grows with the layer's file count and is never
// written again) is a symlink into the template too.

export const IMAGE_STORE_ROOT = '/var/lib/berth/image-store';
// Where a node sees the template's /var/lib/docker (read-only).
export const STORE_MOUNT = '/var/lib/berth-image-store';
const LAYERDB = path.join('image', 'overlay2', 'layerdb', 'sha256');

const manifestSchema = z.object({
  hash: z.string(),
  refs: z.array(z.string()),
  layers: z.array(z.string().regex(/^[0-9a-f]{64}(-init)?$/)),
  builtAt: z.string(),
});
export type ImageStoreManifest = z.infer<typeof manifestSchema>;

export interface ImageStore {
  dir: string;
  manifest: ImageStoreManifest;
}

// The store new sandboxes get: `current` resolved once, so a rebuild never changes a running sandbox.
export async function currentImageStore(root = IMAGE_STORE_ROOT): Promise<ImageStore> {
  try {
    const dir = await fs.realpath(path.join(root, 'current'));
    const manifest = manifestSchema.parse(
      JSON.parse(await fs.readFile(path.join(dir, 'store.json'), 'utf8')),
    );
    return { dir, manifest };
  } catch (e) {
    throw new BerthError(
      'internal',
      `the course image store is missing or unreadable (${e instanceof Error ? e.message : String(e)}); run ./berth images`,
    );
  }
}

export function storeBind(store: ImageStore): string {
  return `${path.join(store.dir, 'docker')}:${STORE_MOUNT}:ro`;
}

// The template of a node's /var/lib/docker for a store (what seedNodeDocker makes), built once per store
// and remapped root under `cacheDir` and then copied into each new node in one `cp -a` (sandbox-disk.ts):
// the same result as seeding every node afresh, without a hundred file operations per start. Templates
// of other stores are removed when a new one is made. The memo is keyed by the template's full path (one
// process may serve several agent homes, as the tests do) and a remembered template whose marker is gone
// (removed by a newer store's build, or by hand) is built again rather than handed out as a missing path.
const seedBuilds = new Map<string, Promise<string>>();

export async function nodeDockerSeed(store: ImageStore, rootUid: number, cacheDir: string): Promise<string> {
  const name = `${path.basename(store.dir)}-${rootUid}`;
  const key = path.join(cacheDir, name);
  const remembered = seedBuilds.get(key);
  if (remembered) {
    const seed = await remembered.catch(() => undefined);
    if (seed && (await exists(path.join(key, 'complete')))) return seed;
    if (seedBuilds.get(key) === remembered) seedBuilds.delete(key);
  }
  let build = seedBuilds.get(key);
  if (!build) {
    build = buildNodeDockerSeed(store, rootUid, cacheDir, name);
    seedBuilds.set(key, build);
    // A failed build is tried again by the next start, not remembered.
    build.catch(() => seedBuilds.delete(key));
  }
  return build;
}

async function buildNodeDockerSeed(
  store: ImageStore,
  rootUid: number,
  cacheDir: string,
  name: string,
): Promise<string> {
  const dir = path.join(cacheDir, name);
  const seed = path.join(dir, 'docker');
  if (await exists(path.join(dir, 'complete'))) return seed;
  await fs.mkdir(cacheDir, { recursive: true, mode: 0o700 });
  for (const old of await fs.readdir(cacheDir)) {
    if (old !== name) await fs.rm(path.join(cacheDir, old), { recursive: true, force: true });
  }
  // Built beside and renamed into place, so a template is either whole or absent (another agent process
  // on the same home may race: the first rename wins, the other's copy is dropped).
  const tmp = await fs.mkdtemp(path.join(cacheDir, `${name}.tmp-`));
  try {
    const tmpSeed = path.join(tmp, 'docker');
    await fs.mkdir(tmpSeed, { mode: 0o700 });
    await fs.chown(tmpSeed, rootUid, rootUid);
    await seedNodeDocker(store, tmpSeed, rootUid);
    await fs.writeFile(path.join(tmp, 'complete'), '');
    await fs.rename(tmp, dir).catch(async (e: NodeJS.ErrnoException) => {
      if (!(await exists(path.join(dir, 'complete')))) throw e;
    });
  } finally {
    await fs.rm(tmp, { recursive: true, force: true });
  }
  return seed;
}

const exists = (p: string) =>
  fs.stat(p).then(
    () => true,
    () => false,
  );

// Prepares a node's (empty) inner /var/lib/docker before its first start.
export async function seedNodeDocker(store: ImageStore, dockerDir: string, rootUid: number): Promise<void> {
  const template = path.join(store.dir, 'docker');
  await run('cp', ['-a', path.join(template, 'image'), path.join(dockerDir, 'image')]);
  for (const chain of await fs.readdir(path.join(dockerDir, LAYERDB))) {
    const tarSplit = path.join(dockerDir, LAYERDB, chain, 'tar-split.json.gz');
    if (!(await fs.stat(tarSplit).catch(() => undefined))) continue;
    await fs.rm(tarSplit);
    await fs.symlink(path.join(STORE_MOUNT, LAYERDB, chain, 'tar-split.json.gz'), tarSplit);
    await fs.lchown(tarSplit, rootUid, rootUid);
  }
  const overlay = path.join(dockerDir, 'overlay2');
  await fs.mkdir(overlay, { mode: 0o710 });
  await fs.chown(overlay, rootUid, rootUid);
  // l/ holds the short names overlay mounts use: relative symlinks to ../<layer>/diff, copied as they are.
  await run('cp', ['-a', path.join(template, 'overlay2', 'l'), path.join(overlay, 'l')]);
  for (const layer of store.manifest.layers) {
    const from = path.join(template, 'overlay2', layer);
    const to = path.join(overlay, layer);
    await fs.mkdir(to, { mode: 0o710 });
    await fs.chown(to, rootUid, rootUid);
    for (const entry of await fs.readdir(from, { withFileTypes: true })) {
      const target = path.join(to, entry.name);
      if (entry.name === 'diff' && !(await hasLower(from))) {
        // A bottom layer: a mount point, filled by berth-mount-store-layers before the node's dockerd starts.
        await fs.mkdir(target, { mode: 0o755 });
        await fs.chown(target, rootUid, rootUid);
      } else if (entry.name === 'diff') {
        await fs.symlink(path.join(STORE_MOUNT, 'overlay2', layer, 'diff'), target);
        await fs.lchown(target, rootUid, rootUid);
      } else if (entry.isDirectory()) {
        await fs.mkdir(target, { mode: 0o700 });
        await fs.chown(target, rootUid, rootUid);
      } else {
        await fs.copyFile(path.join(from, entry.name), target);
        await fs.chown(target, rootUid, rootUid);
      }
    }
    // The engine marks a layer "committed" the first time a container uses it as a parent: it must be writable.
    const committed = path.join(to, 'committed');
    await fs.writeFile(committed, '');
    await fs.chown(committed, rootUid, rootUid);
  }
}

const hasLower = (layerDir: string) =>
  fs.stat(path.join(layerDir, 'lower')).then(
    () => true,
    () => false,
  );
