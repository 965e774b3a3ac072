import { containerInspectSchema, type InnerEngine, imageInspectSchema } from './inner-engine.ts';

// Inspecting the learner's objects by name through the Engine API.

export const enc = encodeURIComponent;

export async function inspectContainer(inner: InnerEngine, name: string) {
  const res = await inner.get(`/containers/${enc(name)}/json`);
  if (res.status === 404) return undefined;
  const parsed = containerInspectSchema.safeParse(res.body);
  // The engine matches id prefixes too; only an exact name counts.
  if (!parsed.success || parsed.data.Name !== `/${name}`) return undefined;
  return parsed.data;
}

export async function inspectImage(inner: InnerEngine, name: string) {
  const res = await inner.get(`/images/${enc(name)}/json`);
  if (res.status !== 200) return undefined;
  const parsed = imageInspectSchema.safeParse(res.body);
  // An image id prefix is not the name the lesson asks for (names like `busybox` still resolve to `:latest`).
  if (!parsed.success) return undefined;
  if (/^[0-9a-f]+$/.test(name) && parsed.data.Id.replace(/^sha256:/, '').startsWith(name)) return undefined;
  return parsed.data;
}

// Whether a container was created from `image`, by id: `busybox`, `busybox:latest` and
// `docker.io/library/busybox` are one image.
export async function isFromImage(
  inner: InnerEngine,
  container: { Image: string },
  image: string,
): Promise<boolean> {
  const found = await inspectImage(inner, image);
  return !!found && found.Id === container.Image;
}
