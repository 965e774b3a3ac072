import fs from 'node:fs/promises';
import path from 'node:path';
import { agentConfig } from '../config.ts';
import { type CourseImage, labelChanges, localRef } from './course-image-list.ts';
import type { DebianRecipe } from './course-image-recipes.ts';
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
  mmdebstrap,
} from './image-build-support.ts';
import { info, step } from './progress.ts';

// A course image = a debian image + one container run of images/<repo>/setup (with the .deb files
// bind-mounted, so they never land in a layer), committed, plus the official image's runtime settings.

// The .deb files of some packages with their dependency closure, kept from a throwaway mmdebstrap run
// that only unpacks them (variant extract: no maintainer scripts, 3x faster than installing them).
async function packageDebs(suite: string, packages: string[], force: boolean): Promise<string> {
  const dir = path.join(
    BUILD_DIR,
    `debs-${hashOf(suite, agentConfig().BERTH_DEBIAN_MIRROR, 'extract', packages.join(','))}`,
  );
  if (!force && (await exists(dir))) return dir;
  await step(`Downloading ${packages.join(', ')} with its dependencies (mmdebstrap, ${suite})`, async () => {
    const chroot = `${dir}.chroot`;
    await fs.rm(chroot, { recursive: true, force: true });
    const extra = ['--variant=extract', '--skip=download/empty', '--skip=cleanup/apt'];
    await mmdebstrap(chroot, packages, extra, suite);
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

// The Debian version of `pkg` among the downloaded files (name_version_arch.deb, epoch as %3a).
async function debVersion(debs: string, pkg: string): Promise<string> {
  const file = (await fs.readdir(debs)).find((f) => f.startsWith(`${pkg}_`) && f.endsWith('.deb'));
  return file ? decodeURIComponent(file.split('_')[1]!) : 'unknown';
}

export async function buildOnDebian(input: {
  image: CourseImage;
  recipe: DebianRecipe;
  base: string;
  suite: string;
  prefix: string;
  force: boolean;
}): Promise<void> {
  const { image, recipe, base, suite, force } = input;
  const repo = image.repo;
  const main = localRef(image, input.prefix);
  const debs = await packageDebs(suite, recipe.packages, force);
  const builtFrom = `debian ${suite} ${recipe.mainPackage} ${await debVersion(debs, recipe.mainPackage)}`;
  const changes = [...recipe.changes, ...labelChanges(builtFrom)];
  const setupDir = path.join(IMAGES_DIR, repo);
  const inputs = [await imageId(base), path.basename(debs), ...changes];
  for (const f of (await fs.readdir(setupDir)).sort())
    inputs.push(f, await fs.readFile(path.join(setupDir, f), 'utf8'));
  inputs.push(await fs.readFile(path.join(IMAGES_DIR, 'install-debs'), 'utf8'));
  const hash = hashOf(...inputs);
  if (!force && (await imageHash(main)) === hash) return info(`${main}: up to date`);
  await step(`Building ${main} (Debian ${recipe.packages.join(', ')})`, async () => {
    const name = `berth-build-${input.prefix.replace(/[^a-z0-9]/g, '')}${repo}`;
    const ctx = path.join(BUILD_DIR, `setup-${name}`);
    await fs.rm(ctx, { recursive: true, force: true });
    await copyDir(setupDir, ctx);
    await fs.copyFile(path.join(IMAGES_DIR, 'install-debs'), path.join(ctx, 'install-debs'));
    await fs.mkdir(path.join(ctx, 'debs'));
    await fs.chmod(ctx, 0o755);
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
        base,
        'sh',
        '/setup/setup',
      ]);
      await docker(['start', '-a', name]);
      // `docker commit --change` cannot set STOPSIGNAL; a context-less build on top sets the runtime settings.
      const committed = `berth/build-${repo}:${hash}`;
      await docker(['commit', name, committed]);
      const dockerfile = [`FROM ${committed}`, ...changes, `LABEL ${HASH_LABEL}=${hash}`, ''].join('\n');
      await docker(['build', '-q', '-t', main, '-'], dockerfile);
      await docker(['rmi', committed]);
    } finally {
      await docker(['rm', '-f', name]).catch(() => '');
      await fs.rm(ctx, { recursive: true, force: true });
    }
  });
}
