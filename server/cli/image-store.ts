import fs from 'node:fs/promises';
import path from 'node:path';
import { SANDBOX_BRIDGE_PREFIX } from '../../sandbox-agent/src/network/sandbox-firewall.ts';
import { IMAGE_STORE_ROOT, type ImageStoreManifest } from '../../sandbox-agent/src/sandboxes/image-store.ts';
import { remappedRootUid } from '../../sandbox-agent/src/sandboxes/node-cgroups.ts';
import { MIRROR_HOST } from '../../sandbox-agent/src/sandboxes/node-spec.ts';
import { COURSE_IMAGE_REFS } from './course-images.ts';
import { docker, exists, hashOf, imageId } from './image-build-support.ts';
import { CliError, info, step } from './progress.ts';

// The shared read-only image store: the course images pulled ONCE by a real inner engine into a
// template /var/lib/docker. Every sandbox node gets a copy of its small metadata and read-only access
// to its layers (see sandbox-agent/src/sandboxes/image-store.ts): all images at once, < 1 MB each.

const BUILDER = 'berth-image-store-builder';
const BUILD_NETWORK = 'berth-image-store';
const BUILD_BRIDGE = `${SANDBOX_BRIDGE_PREFIX}image-store`;

export async function buildImageStore(nodeImage: string, mirrorPort: number, force: boolean): Promise<void> {
  const ids = await Promise.all(COURSE_IMAGE_REFS.map(async (r) => `${r}=${await imageId(r)}`));
  const hash = hashOf('pulled from the mirror', await imageId(nodeImage), ...ids);
  const dir = path.join(IMAGE_STORE_ROOT, hash);
  const current = await fs.readlink(path.join(IMAGE_STORE_ROOT, 'current')).catch(() => '');
  if (!force && current === hash && (await exists(path.join(dir, 'store.json')))) {
    info('image store: up to date');
    return pruneImageStores(hash);
  }
  await step(`Building the shared image store (${COURSE_IMAGE_REFS.length} course image tags)`, async () => {
    await fs.rm(dir, { recursive: true, force: true });
    const rootUid = await remappedRootUid();
    const dockerDir = path.join(dir, 'docker');
    await fs.mkdir(dockerDir, { recursive: true });
    await fs.chmod(dir, 0o755);
    await fs.chown(dockerDir, rootUid, rootUid);
    await docker(['rm', '-f', BUILDER]).catch(() => '');
    await docker(['network', 'rm', BUILD_NETWORK]).catch(() => '');
    try {
      // A node on a sandbox-like network (bth-* bridge: the firewall lets it reach the mirror only) that
      // PULLS the course images from the mirror, as a learner would: the template then also holds the
      // distribution metadata, so a later `docker pull` in a sandbox reuses every layer it already has.
      await docker([
        'network',
        'create',
        '--internal',
        '-o',
        `com.docker.network.bridge.name=${BUILD_BRIDGE}`,
        BUILD_NETWORK,
      ]);
      const gateway = (
        await docker(['network', 'inspect', '-f', '{{range .IPAM.Config}}{{.Gateway}}{{end}}', BUILD_NETWORK])
      ).trim();
      await docker([
        'run',
        '-d',
        '--name',
        BUILDER,
        '--init',
        '--network',
        BUILD_NETWORK,
        '--dns',
        gateway,
        '--add-host',
        `${MIRROR_HOST}:${gateway}`,
        '-e',
        `BERTH_MIRROR=${MIRROR_HOST}:${mirrorPort}`,
        '--cgroupns',
        'private',
        ...['--cap-add', 'ALL', '--cap-drop', 'SYS_RESOURCE'],
        ...['--security-opt', 'apparmor=unconfined', '--security-opt', 'seccomp=unconfined'],
        ...['--security-opt', 'systempaths=unconfined'],
        ...['--tmpfs', '/run', '--tmpfs', '/etc/docker'],
        ...['-v', `${dockerDir}:/var/lib/docker`],
        nodeImage,
      ]);
      await docker(['exec', BUILDER, 'touch', '/run/berth-cgroups-ready']);
      const deadline = Date.now() + 120_000;
      while (
        !(await docker(['exec', BUILDER, 'test', '-e', '/run/berth-node-ready']).then(
          () => true,
          () => false,
        ))
      ) {
        const running = (await docker(['inspect', '-f', '{{.State.Running}}', BUILDER])).trim() === 'true';
        if (!running || Date.now() > deadline) {
          const logs = (await docker(['logs', '--tail', '5', BUILDER]).catch(() => '')).trim();
          throw new CliError(`the image store builder did not start its engine:\n${logs}`);
        }
        await new Promise((r) => setTimeout(r, 500));
      }
      for (const ref of COURSE_IMAGE_REFS)
        await docker(['exec', BUILDER, '/usr/bin/docker', 'pull', '-q', ref]);
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
      await docker(['network', 'rm', BUILD_NETWORK]).catch(() => '');
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
  await pruneImageStores(hash);
}

// Older stores go once no node (running or not) still mounts them.
async function pruneImageStores(current: string): Promise<void> {
  const ids = (await docker(['ps', '-aq'])).trim().split('\n').filter(Boolean);
  const mounts = ids.length
    ? await docker(['inspect', '-f', '{{range .Mounts}}{{.Source}} {{end}}', ...ids])
    : '';
  for (const name of await fs.readdir(IMAGE_STORE_ROOT)) {
    if (name === current || name === 'current' || !/^[0-9a-f]{16}$/.test(name)) continue;
    if (mounts.includes(path.join(IMAGE_STORE_ROOT, name))) continue;
    await fs.rm(path.join(IMAGE_STORE_ROOT, name), { recursive: true, force: true });
    info(`removed the unused image store ${name}`);
  }
}
