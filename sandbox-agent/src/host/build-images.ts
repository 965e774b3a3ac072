import fs from 'node:fs/promises';
import path from 'node:path';
import type { AgentConfig } from '../config.ts';
import { ensureSandboxFirewall } from '../network/sandbox-firewall.ts';
import { buildAptArchive } from './apt-archive.ts';
import { ensureAptArchiveServer } from './apt-archive-server.ts';
import { buildCourseImages, COURSE_IMAGE_REFS } from './course-images.ts';
import {
  copyDir,
  dirHash,
  docker,
  HASH_LABEL,
  hashOf,
  IMAGES_DIR,
  imageHash,
  importDebianRootfs,
  NODE_SUITE,
  withContext,
} from './image-build-support.ts';
import { ensureImageMirror, seedMirror } from './image-mirror.ts';
import { buildImageStore } from './image-store-builder.ts';
import { info, step } from './progress.ts';
import { upstreamDebianMirror, upstreamRegistry } from './pull-through-service.ts';

// Builds every sandbox image offline on the sandbox engine, from Debian packages only, skipping any
// image whose inputs have not changed (each image carries the hash of its inputs as a label): the
// node image, the course images, then the shared image store and the mirror made from them, and the offline
// apt archive (apt-archive.ts).

// The node: a small Debian 13 with a current Docker engine (BuildKit, compose v2, buildx) and the tools a
// learner expects on a real host, ssh between the nodes of a sandbox included.
export const NODE_PACKAGES = [
  'docker.io',
  'docker-cli',
  'docker-compose',
  'docker-buildx',
  'containerd',
  'runc',
  'iptables',
  'iproute2',
  'procps',
  'bash',
  'curl',
  'wget',
  'jq',
  'git',
  'vim',
  'nano',
  'less',
  'ca-certificates',
  'bash-completion',
  'iputils-ping',
  'kmod',
  'cgroup-tools',
  'bridge-utils',
  'apache2-utils',
  'openssh-client',
  'openssh-server',
];

function dirHashOf(name: string): Promise<string> {
  return dirHash(path.join(IMAGES_DIR, name));
}

export async function buildNodeRootfs(force: boolean): Promise<string> {
  const hash = hashOf(NODE_SUITE, NODE_PACKAGES.join(','));
  const tag = `berth/node-rootfs:${hash}`;
  const result = await importDebianRootfs({
    tag,
    hash,
    tarName: 'node-rootfs',
    packages: NODE_PACKAGES,
    suite: NODE_SUITE,
    buildTitle: `Building the node root filesystem with mmdebstrap (${NODE_SUITE}, ${NODE_PACKAGES.length} packages)`,
    force,
  });
  if (result === 'up to date') info('node rootfs: up to date');
  return tag;
}

export async function buildNode(nodeImage: string, rootfsTag: string, force: boolean): Promise<void> {
  const hash = hashOf(
    await dirHashOf('node'),
    await dirHashOf('apt'),
    rootfsTag,
    COURSE_IMAGE_REFS.join(','),
  );
  if (!force && (await imageHash(nodeImage)) === hash) return info(`${nodeImage}: up to date`);
  await step(`Building image ${nodeImage} (sandbox node with its own Docker engine)`, () =>
    withContext(async (ctx) => {
      await copyDir(path.join(IMAGES_DIR, 'node'), ctx);
      // The node's apt sources: Berth's offline archive (images/apt/).
      await copyDir(path.join(IMAGES_DIR, 'apt'), path.join(ctx, 'apt'));
      // What the node's shell tells a learner about the offline images.
      await fs.writeFile(path.join(ctx, 'course-images'), `${COURSE_IMAGE_REFS.join('\n')}\n`);
      await docker([
        'build',
        '-q',
        '--build-arg',
        `ROOTFS=${rootfsTag}`,
        '--label',
        `${HASH_LABEL}=${hash}`,
        '-t',
        nodeImage,
        ctx,
      ]);
    }),
  );
}

export async function buildImages(c: AgentConfig, opts: { force?: boolean } = {}): Promise<void> {
  const force = !!opts.force;
  const rootfs = await buildNodeRootfs(force);
  await buildNode(c.BERTH_NODE_IMAGE, rootfs, force);
  await buildCourseImages(force);
  await seedMirror(force);
  await ensureImageMirror(c.BERTH_MIRROR_PORT, upstreamRegistry(c));
  // The store builder pulls from the mirror through a sandbox bridge, like a node does.
  await buildAptArchive(force);
  await ensureAptArchiveServer(c.BERTH_APT_PORT, upstreamDebianMirror(c));
  await ensureSandboxFirewall({
    mirror: c.BERTH_MIRROR_PORT,
    dns: c.BERTH_SANDBOX_DNS_PORT,
    apt: c.BERTH_APT_PORT,
  });
  await buildImageStore(c, { force, root: c.BERTH_IMAGE_STORE_ROOT });
}
