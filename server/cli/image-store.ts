import fs from 'node:fs/promises';
import path from 'node:path';
import { IMAGE_STORE_ROOT, type ImageStoreManifest } from '../../sandbox-agent/src/sandboxes/image-store.ts';
import { remappedRootUid } from '../../sandbox-agent/src/sandboxes/node-cgroups.ts';
import { COURSE_IMAGE_REFS } from './course-images.ts';
import { docker, exists, hashOf, imageId } from './image-build-support.ts';
import { CliError, info, step } from './progress.ts';

// The shared read-only image store: the course images loaded ONCE by a real inner engine into a
// template /var/lib/docker. Every sandbox node gets a copy of its small metadata and read-only access
// to its layers (see sandbox-agent/src/sandboxes/image-store.ts): all images at once, < 1 MB each.

const BUILDER = 'berth-image-store-builder';

export async function buildImageStore(nodeImage: string, force: boolean): Promise<void> {
  const ids = await Promise.all(COURSE_IMAGE_REFS.map(async (r) => `${r}=${await imageId(r)}`));
  const hash = hashOf(await imageId(nodeImage), ...ids);
  const dir = path.join(IMAGE_STORE_ROOT, hash);
  const current = await fs.readlink(path.join(IMAGE_STORE_ROOT, 'current')).catch(() => '');
  if (!force && current === hash && (await exists(path.join(dir, 'store.json')))) {
    return info('image store: up to date');
  }
  await step(`Building the shared image store (${COURSE_IMAGE_REFS.length} course image tags)`, async () => {
    await fs.rm(dir, { recursive: true, force: true });
    const rootUid = await remappedRootUid();
    const dockerDir = path.join(dir, 'docker');
    const tars = path.join(dir, 'tars');
    await fs.mkdir(dockerDir, { recursive: true });
    await fs.mkdir(tars, { recursive: true });
    await fs.chmod(dir, 0o755);
    await fs.chown(dockerDir, rootUid, rootUid);
    await docker(['save', '-o', path.join(tars, 'course-images.tar'), ...COURSE_IMAGE_REFS]);
    await fs.chmod(path.join(tars, 'course-images.tar'), 0o644);
    await docker(['rm', '-f', BUILDER]).catch(() => '');
    try {
      // A node whose init loads every tar in /usr/share/berth/images into its inner engine, then stops.
      await docker([
        'run',
        '-d',
        '--name',
        BUILDER,
        '--init',
        '--network',
        'none',
        '--cgroupns',
        'private',
        ...['--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE'],
        ...['--security-opt', 'apparmor=unconfined', '--security-opt', 'seccomp=unconfined'],
        ...['--security-opt', 'systempaths=unconfined'],
        ...['--tmpfs', '/run', '--tmpfs', '/etc/docker'],
        ...['-v', `${dockerDir}:/var/lib/docker`, '-v', `${tars}:/usr/share/berth/images:ro`],
        nodeImage,
      ]);
      await docker(['exec', BUILDER, 'touch', '/run/berth-cgroups-ready']);
      const deadline = Date.now() + 180_000;
      while (
        !(await docker(['exec', BUILDER, 'test', '-e', '/run/berth-node-ready']).then(
          () => true,
          () => false,
        ))
      ) {
        const running = (await docker(['inspect', '-f', '{{.State.Running}}', BUILDER])).trim() === 'true';
        if (!running || Date.now() > deadline) {
          const logs = (await docker(['logs', '--tail', '5', BUILDER]).catch(() => '')).trim();
          throw new CliError(`the image store builder did not load the course images:\n${logs}`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      const loaded = (
        await docker(['exec', BUILDER, 'docker', 'image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])
      )
        .trim()
        .split('\n');
      const missing = COURSE_IMAGE_REFS.filter((r) => !loaded.includes(r));
      if (missing.length) throw new CliError(`the image store is missing ${missing.join(', ')}`);
      await docker(['stop', '-t', '60', BUILDER]);
    } finally {
      await docker(['rm', '-f', BUILDER]).catch(() => '');
      await fs.rm(tars, { recursive: true, force: true });
    }
    // Nothing of a running engine belongs in a template, only images and their layers.
    for (const d of [
      'containers',
      'network',
      'volumes',
      'buildkit',
      'tmp',
      'swarm',
      'runtimes',
      'plugins',
      'trust',
    ]) {
      await fs.rm(path.join(dockerDir, d), { recursive: true, force: true });
    }
    const layers = (await fs.readdir(path.join(dockerDir, 'overlay2'))).filter((n) => n !== 'l');
    const manifest: ImageStoreManifest = {
      hash,
      refs: COURSE_IMAGE_REFS,
      layers,
      builtAt: new Date().toISOString(),
    };
    await fs.writeFile(path.join(dir, 'store.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    // Switch atomically; sandboxes started earlier keep the store they were created with.
    const link = path.join(IMAGE_STORE_ROOT, `current.${process.pid}`);
    await fs.rm(link, { force: true });
    await fs.symlink(hash, link);
    await fs.rename(link, path.join(IMAGE_STORE_ROOT, 'current'));
  });
}
