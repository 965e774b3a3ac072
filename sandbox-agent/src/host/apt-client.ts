import path from 'node:path';
import { dirHash, IMAGES_DIR } from './image-build-support.ts';

// What a Debian root filesystem needs to install from the offline apt archive (apt-archive.ts): the files
// of images/apt/ put in place by its setup script. The node image runs it in its Dockerfile; the debian
// course images (and so every image built on them) get it from these mmdebstrap hooks.
export const APT_CLIENT_DIR = path.join(IMAGES_DIR, 'apt');

// An input of every image that carries the setup, so a change to it rebuilds them.
export function aptClientHash(): Promise<string> {
  return dirHash(APT_CLIENT_DIR);
}

// mmdebstrap --customize-hook options: copy images/apt in, run its setup in the new root, remove the copy.
export function aptClientHooks(): string[] {
  return [
    `--customize-hook=copy-in ${APT_CLIENT_DIR} /tmp`,
    '--customize-hook=chroot "$1" sh /tmp/apt/setup',
    '--customize-hook=rm -rf "$1/tmp/apt"',
  ];
}
