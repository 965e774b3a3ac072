import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { type InnerEngine, imageHistorySchema } from './inner-engine.ts';
import { enc, inspectImage } from './inspect.ts';

// What an image is made of: its base (a prefix of its layers), its layer count, and whether it was imported.

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
