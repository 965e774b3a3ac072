import fs from 'node:fs/promises';
import path from 'node:path';
import { agentConfig } from '../config.ts';
import { aptClientHash, aptClientHooks } from './apt-client.ts';
import {
  BASE_SUITE,
  type CourseImage,
  courseImage,
  DEBIAN_SUITES,
  labelChanges,
  localRef,
} from './course-image-list.ts';
import { DEBIAN_RECIPES } from './course-image-recipes.ts';
import { buildOnDebian } from './debian-derived-image.ts';
import {
  dirHash,
  docker,
  HASH_LABEL,
  hashOf,
  IMAGES_DIR,
  imageHash,
  imageId,
  importDebianRootfs,
  withContext,
} from './image-build-support.ts';
import { info, step } from './progress.ts';

// Builds the course images (course-image-list.ts) on the sandbox engine, from Debian packages only; the
// shared image store and the mirror are then made from them. Unchanged inputs are skipped.

export { COURSE_IMAGE_REFS, COURSE_IMAGES } from './course-image-list.ts';

export async function tagAll(image: CourseImage, prefix: string): Promise<void> {
  for (const t of image.tags.slice(1))
    await docker(['tag', localRef(image, prefix), localRef(image, prefix, t)]);
}

// debian:trixie and debian:bookworm — plain minbase root filesystems; every other image builds on trixie.
async function buildDebian(suite: string, prefix: string, force: boolean): Promise<void> {
  const image = courseImage('debian', suite);
  const tag = localRef(image, prefix);
  const result = await importDebianRootfs({
    tag,
    hash: hashOf(suite, agentConfig().BERTH_DEBIAN_MIRROR, 'minbase', await aptClientHash()),
    tarName: `debian-${suite}`,
    packages: [],
    changes: ['CMD ["bash"]', ...labelChanges(`debian ${suite} minbase (mmdebstrap)`)],
    buildTitle: `Building the debian:${suite} root filesystem with mmdebstrap`,
    force,
    suite,
    // apt in the image (and every image built on it) installs from Berth's offline archive.
    extra: aptClientHooks(),
  });
  if (result === 'up to date') info(`${tag}: up to date`);
  await tagAll(image, prefix);
}

// busybox: Debian's busybox-static alone, with the /etc/passwd, /etc/group, /tmp and /root of the
// official image (so `--user nobody` works).
async function buildBusybox(prefix: string, force: boolean): Promise<void> {
  const image = courseImage('busybox');
  const tag = localRef(image, prefix);
  const binary = await fs.readFile('/bin/busybox');
  const hash = hashOf(await dirHash(path.join(IMAGES_DIR, 'busybox')), binary);
  if (!force && (await imageHash(tag)) === hash) return info(`${tag}: up to date`);
  const version = binary.toString('latin1').match(/BusyBox v([\d.]+)/)?.[1] ?? 'unknown';
  await step('Building image busybox (from Debian busybox-static)', () =>
    withContext(async (ctx) => {
      for (const f of await fs.readdir(path.join(IMAGES_DIR, 'busybox')))
        await fs.copyFile(path.join(IMAGES_DIR, 'busybox', f), path.join(ctx, f));
      await fs.copyFile('/bin/busybox', path.join(ctx, 'busybox'));
      const label = labelChanges(`debian busybox-static ${version}`)[0]!.replace(/^LABEL /, '');
      await docker(['build', '-q', '--label', `${HASH_LABEL}=${hash}`, ...labelArgs(label), '-t', tag, ctx]);
    }),
  );
}

function labelArgs(labelLine: string): string[] {
  return [...labelLine.matchAll(/(\S+)="([^"]*)"/g)].flatMap((m) => ['--label', `${m[1]}=${m[2]}`]);
}

// hello-world: a static Go program of our own (images/hello-world), compiled with the golang image.
async function buildHelloWorld(prefix: string, force: boolean): Promise<void> {
  const image = courseImage('hello-world');
  const tag = localRef(image, prefix);
  const golang = localRef(courseImage('golang'), prefix);
  const dir = path.join(IMAGES_DIR, 'hello-world');
  const hash = hashOf(await dirHash(dir), await imageId(golang));
  if (!force && (await imageHash(tag)) === hash) return info(`${tag}: up to date`);
  const goVersion = (await docker(['run', '--rm', '--network', 'none', golang, 'go', 'version'])).trim();
  await step('Building image hello-world (a static Go program)', () =>
    withContext(async (ctx) => {
      for (const f of await fs.readdir(dir)) await fs.copyFile(path.join(dir, f), path.join(ctx, f));
      // Compiled by a throwaway golang container (its root is remapped: the output folder is open to it).
      await fs.mkdir(path.join(ctx, 'out'), { mode: 0o777 });
      await fs.chmod(path.join(ctx, 'out'), 0o777);
      await fs.chmod(ctx, 0o755);
      await docker([
        'run',
        '--rm',
        '--network',
        'none',
        '-v',
        `${ctx}:/src`,
        '-w',
        '/src',
        '-e',
        'CGO_ENABLED=0',
        golang,
        'go',
        'build',
        '-trimpath',
        '-ldflags=-s -w',
        '-o',
        'out/hello',
        'hello.go',
      ]);
      await fs.rename(path.join(ctx, 'out/hello'), path.join(ctx, 'hello'));
      const label = labelChanges(`a static Go program built with ${goVersion}`)[0]!.replace(/^LABEL /, '');
      await docker(['build', '-q', '--label', `${HASH_LABEL}=${hash}`, ...labelArgs(label), '-t', tag, ctx]);
    }),
  );
}

export async function buildCourseImages(force: boolean, prefix = ''): Promise<void> {
  await buildBusybox(prefix, force);
  for (const d of DEBIAN_SUITES) await buildDebian(d.suite, prefix, force);
  const base = localRef(courseImage('debian', BASE_SUITE), prefix);
  for (const recipe of DEBIAN_RECIPES) {
    const image = courseImage(recipe.repo);
    await buildOnDebian({ image, recipe, base, suite: BASE_SUITE, prefix, force });
    await tagAll(image, prefix);
  }
  await buildHelloWorld(prefix, force);
  await tagAll(courseImage('hello-world'), prefix);
}
