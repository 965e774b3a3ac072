import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { type InnerEngine, imageHistorySchema } from './inner-engine.ts';
import { enc, inspectImage } from './inspect.ts';

// What an image is made of: its base (a prefix of its layers), its layer count, and whether it was imported;
// and which image a name points at.

// A name (e.g. a tag just made with `docker tag`) is present and, with `sameAs`, points at the same image
// as another name: tags are names for one image, so their ids are equal.
export async function evaluateImageExists(
  a: Extract<Assertion, { type: 'image_exists' }>,
  inner: InnerEngine,
): Promise<AssertionOutcome> {
  const image = await inspectImage(inner, a.name);
  if (!image) return fail('image_missing', { name: a.name });
  if (!a.sameAs) return ok('image_present', { name: a.name });
  const other = await inspectImage(inner, a.sameAs);
  if (!other) return fail('image_missing', { name: a.sameAs });
  const id = shortId(image.Id);
  if (image.Id === other.Id) return ok('image_same', { name: a.name, other: a.sameAs, id });
  return fail('image_not_same', { name: a.name, id, other: a.sameAs, otherId: shortId(other.Id) });
}

// The 12 hex characters `docker image ls` shows.
const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);

export async function evaluateImageBasedOn(
  a: Extract<Assertion, { type: 'image_based_on' }>,
  inner: InnerEngine,
): Promise<AssertionOutcome> {
  const image = await inspectImage(inner, a.name);
  if (!image) return fail('image_missing', { name: a.name });
  const base = await inspectImage(inner, a.base);
  if (!base) return fail('image_missing', { name: a.base });
  if (image.Id === base.Id) return fail('image_is_base', { name: a.name, base: a.base });
  const ours = image.RootFS.Layers;
  const theirs = base.RootFS.Layers;
  const onTop = theirs.length > 0 && theirs.length <= ours.length && theirs.every((l, i) => ours[i] === l);
  return onTop
    ? ok('image_based_on', { name: a.name, base: a.base })
    : fail('image_not_based_on', { name: a.name, base: a.base });
}

export async function evaluateImageLayers(
  a: Extract<Assertion, { type: 'image_layers' }>,
  inner: InnerEngine,
): Promise<AssertionOutcome> {
  const image = await inspectImage(inner, a.name);
  if (!image) return fail('image_missing', { name: a.name });
  const count = image.RootFS.Layers.length;
  const min = a.count ?? a.min ?? 1;
  const max = a.count ?? a.max ?? Number.POSITIVE_INFINITY;
  if (count < min || count > max) {
    const expected = a.count ?? (a.max === undefined ? `≥ ${min}` : `${min}–${a.max}`);
    return fail('image_layer_count', { name: a.name, count, expected });
  }
  return ok('image_layer_ok', { name: a.name, count });
}

// `docker import` makes one layer with no parent and one history entry "Imported from -" (or a URL); a
// commit keeps its base's layers and history, and `docker load` keeps the saved image's history.
export async function evaluateImageImported(
  a: Extract<Assertion, { type: 'image_imported' }>,
  inner: InnerEngine,
): Promise<AssertionOutcome> {
  const image = await inspectImage(inner, a.name);
  if (!image) return fail('image_missing', { name: a.name });
  const res = await inner.get(`/images/${enc(a.name)}/history`);
  const history = imageHistorySchema.safeParse(res.body);
  const entries = history.success ? history.data : [];
  const top = entries[0];
  const imported =
    image.RootFS.Layers.length === 1 &&
    image.Parent === '' &&
    entries.length === 1 &&
    !!top?.Comment.startsWith('Imported from');
  if (imported) return ok('image_imported', { name: a.name });
  const said = (top?.Comment || top?.CreatedBy || '').slice(0, 120);
  return fail('image_not_imported', { name: a.name, count: image.RootFS.Layers.length, history: said });
}
