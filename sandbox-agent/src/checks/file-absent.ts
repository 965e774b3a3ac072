import { msg } from '../../../contract/check-messages.ts';
import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { CheckFindingError } from './check-finding-error.ts';
import { layerDirs, volumeMountpoint, whereOf } from './file-content.ts';
import type { InnerEngine } from './inner-engine.ts';
import { enc, inspectContainer, inspectImage } from './inspect.ts';

type FileAbsent = Extract<Assertion, { type: 'file_absent' }>;

// That nothing (file, directory or link) is at a path: on the node, in a container (the archive API, like
// `docker cp`), in a volume, or in an image (its layers). A container, volume or image that does not exist
// fails: the file is only "left out" of something the learner made.
export async function evaluateFileAbsent(
  a: FileAbsent,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<AssertionOutcome> {
  const found = await pathExists(a, inner, timeoutMs);
  if (typeof found !== 'boolean') return found;
  const about = { path: a.path, where: whereOf(a) };
  return found ? fail('file_present', about) : ok('file_absent_ok', about);
}

async function pathExists(
  a: FileAbsent,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<boolean | AssertionOutcome> {
  if (a.container) {
    if (!(await inspectContainer(inner, a.container)))
      return fail('container_missing', { name: a.container });
    // 413: the engine answered with an archive longer than a check reads, so the path is there.
    const res = await inner.getRaw(`/containers/${enc(a.container)}/archive?path=${enc(a.path)}`);
    return res.status === 200 || res.status === 413;
  }
  if (a.volume) {
    const mountpoint = await volumeMountpoint(inner, a.volume);
    if (!mountpoint) return fail('volume_missing', { name: a.volume });
    return existsInLayers(inner, [mountpoint], a.path, timeoutMs);
  }
  if (a.image) {
    const image = await inspectImage(inner, a.image);
    if (!image) return fail('image_missing', { name: a.image });
    return existsInLayers(inner, layerDirs(image), a.path, timeoutMs);
  }
  return existsInLayers(inner, [''], a.path, timeoutMs);
}

// Layers top first: the first one that has the path (or a deletion of it or of a folder above it: a 0:0
// character device, overlay2's whiteout) decides. Exit 0: it is there; 3: it is not.
async function existsInLayers(inner: InnerEngine, dirs: string[], path: string, timeoutMs: number) {
  const script = `p=$1; shift
for d; do
  a=$p
  while [ -n "$a" ]; do
    if [ -c "$d$a" ] && [ "$(stat -c %t:%T -- "$d$a")" = 0:0 ]; then exit 3; fi
    a=\${a%/*}
  done
  if [ -e "$d$p" ] || [ -L "$d$p" ]; then exit 0; fi
done
exit 3`;
  const res = await inner.run(['sh', '-c', script, 'sh', path.replace(/\/+$/, ''), ...dirs], timeoutMs);
  if (res.timedOut) throw new CheckFindingError(msg('out_of_time'));
  if (res.exitCode !== 0 && res.exitCode !== 3) throw new Error(`looking for ${path}: ${res.output.trim()}`);
  return res.exitCode === 0;
}
