import path from 'node:path';
import { BerthError } from '../../../contract/errors.ts';

// Where the editor may read and write on a node. Not a security boundary — the learner is root in the
// node and the node container is the boundary — but it keeps the editor on the learner's own work
// (/root, /tmp) and away from /proc, /sys, /dev (endless or blocking "files") and the node's engine
// state under /var/lib/docker, which a stray save could corrupt.
export const EDITABLE_ROOTS = ['/root', '/tmp'] as const;

export function checkNodePath(raw: string): string {
  if (raw.includes('\0')) throw new BerthError('validation_failed', 'The path contains a NUL byte.');
  if (!raw.startsWith('/')) throw new BerthError('validation_failed', `"${raw}" is not an absolute path.`);
  // posix.normalize resolves "..", so "/root/../etc/shadow" is judged as "/etc/shadow".
  const p = path.posix.normalize(raw).replace(/(.)\/+$/, '$1');
  const allowed = EDITABLE_ROOTS.some((r) => p === r || p.startsWith(`${r}/`));
  if (!allowed) {
    throw new BerthError(
      'validation_failed',
      `The editor works under ${EDITABLE_ROOTS.join(' and ')}, not ${p}.`,
    );
  }
  return p;
}
