import { z } from 'zod';
import type { CheckMessage } from '../../../contract/check-messages.ts';
import { msg } from '../../../contract/check-messages.ts';
import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import type { InnerEngine } from './inner-engine.ts';
import { enc, inspectContainer, inspectImage } from './inspect.ts';
import { tarFirstFile } from './tar-first-file.ts';

type FileContent = Extract<Assertion, { type: 'file_content' }>;

const volumeSchema = z.object({ Mountpoint: z.string() });

// A file's content on the node, in a container (through the archive API, like `docker cp`), in a volume (its
// mount point on the node) or in an image (its layer directories, top first, as the storage driver keeps them).
export async function evaluateFileContent(
  a: FileContent,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<AssertionOutcome> {
  const where = whereOf(a);
  const read = await readFile(a, inner, timeoutMs);
  if ('missing' in read) return read.missing;
  if (read.content === undefined) return fail('file_missing', { path: a.path, where });
  const content = read.content;
  if (a.equals !== undefined && content.trim() !== a.equals.trim()) {
    return fail('file_differs', {
      path: a.path,
      where,
      content: shorten(content.trim()),
      expected: a.equals.trim(),
    });
  }
  if (a.includes !== undefined && !content.includes(a.includes)) {
    return fail('file_lacks', { path: a.path, where, text: a.includes });
  }
  return ok('file_ok', { path: a.path, where });
}

/** Where a file check looks, as words for its findings. */
export function whereOf(a: { container?: string; volume?: string; image?: string }): CheckMessage {
  if (a.container) return msg('where_container', { name: a.container });
  if (a.volume) return msg('where_volume', { name: a.volume });
  if (a.image) return msg('where_image', { name: a.image });
  return msg('where_node');
}

// The file's text, undefined when there is no such file, or a finding when its container/volume/image is missing.
async function readFile(
  a: FileContent,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<{ content: string | undefined } | { missing: AssertionOutcome }> {
  if (a.container) {
    if (!(await inspectContainer(inner, a.container))) {
      return { missing: fail('container_missing', { name: a.container }) };
    }
    const res = await inner.getRaw(`/containers/${enc(a.container)}/archive?path=${enc(a.path)}`);
    const file = res.status === 200 ? tarFirstFile(res.body) : undefined;
    return { content: file?.toString('utf8') };
  }
  if (a.volume) {
    const mountpoint = await volumeMountpoint(inner, a.volume);
    if (!mountpoint) return { missing: fail('volume_missing', { name: a.volume }) };
    return { content: await catFirst(inner, [mountpoint], a.path, timeoutMs) };
  }
  if (a.image) {
    const image = await inspectImage(inner, a.image);
    if (!image) return { missing: fail('image_missing', { name: a.image }) };
    const dirs = layerDirs(image);
    return { content: dirs.length ? await catFirst(inner, dirs, a.path, timeoutMs) : undefined };
  }
  return { content: await catFirst(inner, [''], a.path, timeoutMs) };
}

/** Where a volume's files are on the node; undefined when there is no such volume. */
export async function volumeMountpoint(inner: InnerEngine, name: string): Promise<string | undefined> {
  const res = await inner.get(`/volumes/${enc(name)}`);
  const volume = volumeSchema.safeParse(res.body);
  return res.status === 200 && volume.success ? volume.data.Mountpoint : undefined;
}

/** An image's layer directories on the node, top first, as the overlay2 storage driver keeps them. */
export function layerDirs(image: { GraphDriver?: { Data: Record<string, string> | null } | undefined }) {
  const data = image.GraphDriver?.Data ?? {};
  return [data.UpperDir, ...(data.LowerDir ?? '').split(':')].filter((d): d is string => !!d);
}

// The path under the first directory that has it as a regular file (a deletion in an upper layer is a
// character device there, so it hides the lower ones' copies).
async function catFirst(inner: InnerEngine, dirs: string[], path: string, timeoutMs: number) {
  const script =
    'p=$1; shift; for d; do if [ -f "$d$p" ]; then exec cat -- "$d$p"; fi; if [ -e "$d$p" ]; then exit 1; fi; done; exit 1';
  const res = await inner.run(['sh', '-c', script, 'sh', path, ...dirs], timeoutMs);
  return res.exitCode === 0 && !res.timedOut ? res.output : undefined;
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
