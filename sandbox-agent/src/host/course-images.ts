import fs from 'node:fs/promises';
import path from 'node:path';
import { agentConfig } from '../config.ts';
import {
  BUILD_DIR,
  copyDir,
  docker,
  exists,
  HASH_LABEL,
  hashOf,
  IMAGES_DIR,
  imageHash,
  imageId,
  importDebianRootfs,
  mmdebstrap,
  SUITE,
} from './image-build-support.ts';
import { info, step } from './progress.ts';

// The images a learner can use in every sandbox with no internet: built from Debian packages on the
// sandbox engine, then put into the shared image store and the mirror. busybox is built with the node.

export interface CourseImage {
  repo: string;
  tags: string[];
}

export const COURSE_IMAGES: CourseImage[] = [
  { repo: 'busybox', tags: ['latest'] },
  { repo: 'debian', tags: ['bookworm', '12', 'latest'] },
  { repo: 'nginx', tags: ['latest', 'stable'] },
  { repo: 'registry', tags: ['2', 'latest'] },
];

export const COURSE_IMAGE_REFS = COURSE_IMAGES.flatMap((i) => i.tags.map((t) => `${i.repo}:${t}`));

async function tagAll(image: CourseImage, source: string): Promise<void> {
  for (const t of image.tags) await docker(['tag', source, `${image.repo}:${t}`]);
}

// debian:bookworm — a plain minbase root filesystem, the base of nginx and registry.
async function buildDebian(force: boolean): Promise<void> {
  const image = COURSE_IMAGES.find((i) => i.repo === 'debian')!;
  const result = await importDebianRootfs({
    tag: 'debian:bookworm',
    hash: hashOf(SUITE, agentConfig().BERTH_DEBIAN_MIRROR, 'minbase'),
    tarName: 'debian',
    packages: [],
    changes: ['CMD ["bash"]'],
    buildTitle: `Building the debian:${SUITE} root filesystem with mmdebstrap`,
    force,
  });
  if (result === 'up to date') return info('debian:bookworm: up to date');
  await tagAll(image, 'debian:bookworm');
}

// The .deb files of some packages with their dependency closure, kept from a throwaway mmdebstrap run.
async function packageDebs(packages: string[], force: boolean): Promise<string> {
  const dir = path.join(
    BUILD_DIR,
    `debs-${hashOf(SUITE, agentConfig().BERTH_DEBIAN_MIRROR, packages.join(','))}`,
  );
  if (!force && (await exists(dir))) return dir;
  await step(`Downloading ${packages.join(', ')} with its dependencies (mmdebstrap)`, async () => {
    const chroot = `${dir}.chroot`;
    await fs.rm(chroot, { recursive: true, force: true });
    await mmdebstrap(chroot, packages, ['--skip=download/empty', '--skip=cleanup/apt']);
    const partial = `${dir}.partial`;
    await fs.rm(partial, { recursive: true, force: true });
    await fs.mkdir(partial, { recursive: true });
    const archives = path.join(chroot, 'var/cache/apt/archives');
    for (const f of await fs.readdir(archives)) {
      if (f.endsWith('.deb')) await fs.copyFile(path.join(archives, f), path.join(partial, f));
    }
    await fs.rm(chroot, { recursive: true, force: true });
    await fs.rename(partial, dir);
  });
  return dir;
}

// An image = debian:bookworm + one container run of images/<repo>/setup (with the debs bind-mounted,
// so they never land in a layer), committed, plus the official image's runtime settings.
async function buildOnDebian(
  repo: string,
  packages: string[],
  changes: string[],
  force: boolean,
): Promise<void> {
  const image = COURSE_IMAGES.find((i) => i.repo === repo)!;
  const main = `${repo}:${image.tags[0]}`;
  const debs = await packageDebs(packages, force);
  const setupDir = path.join(IMAGES_DIR, repo);
  const inputs = [await imageId('debian:bookworm'), path.basename(debs), ...changes];
  for (const f of (await fs.readdir(setupDir)).sort())
    inputs.push(f, await fs.readFile(path.join(setupDir, f), 'utf8'));
  inputs.push(await fs.readFile(path.join(IMAGES_DIR, 'install-debs'), 'utf8'));
  const hash = hashOf(...inputs);
  if (!force && (await imageHash(main)) === hash) return info(`${main}: up to date`);
  await step(`Building ${main} (Debian ${packages.join(', ')})`, async () => {
    const ctx = path.join(BUILD_DIR, `setup-${repo}`);
    await fs.rm(ctx, { recursive: true, force: true });
    await copyDir(setupDir, ctx);
    await fs.copyFile(path.join(IMAGES_DIR, 'install-debs'), path.join(ctx, 'install-debs'));
    await fs.mkdir(path.join(ctx, 'debs'));
    await fs.chmod(ctx, 0o755);
    const name = `berth-build-${repo}`;
    await docker(['rm', '-f', name]).catch(() => '');
    try {
      await docker([
        'create',
        '--name',
        name,
        '--network',
        'none',
        '-v',
        `${ctx}:/setup:ro`,
        '-v',
        `${debs}:/setup/debs:ro`,
        'debian:bookworm',
        'sh',
        '/setup/setup',
      ]);
      await docker(['start', '-a', name]);
      // `docker commit --change` cannot set STOPSIGNAL; a context-less build on top sets the runtime settings.
      const committed = `berth/build-${repo}:${hash}`;
      await docker(['commit', name, committed]);
      const dockerfile = [`FROM ${committed}`, ...changes, `LABEL ${HASH_LABEL}=${hash}`, ''].join('\n');
      await docker(['build', '-q', '-t', main, '-'], dockerfile);
      await tagAll(image, main);
      await docker(['rmi', committed]);
    } finally {
      await docker(['rm', '-f', name]).catch(() => '');
      await fs.rm(ctx, { recursive: true, force: true });
    }
  });
}

export async function buildCourseImages(force: boolean): Promise<void> {
  await buildDebian(force);
  await buildOnDebian(
    'nginx',
    ['nginx'],
    ['EXPOSE 80', 'STOPSIGNAL SIGQUIT', 'CMD ["nginx", "-g", "daemon off;"]'],
    force,
  );
  await buildOnDebian(
    'registry',
    ['docker-registry'],
    [
      'EXPOSE 5000',
      'VOLUME /var/lib/registry',
      'ENTRYPOINT ["docker-registry", "serve"]',
      'CMD ["/etc/docker/registry/config.yml"]',
    ],
    force,
  );
}
