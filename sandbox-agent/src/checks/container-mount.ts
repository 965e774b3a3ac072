import { z } from 'zod';
import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import type { InnerEngine } from './inner-engine.ts';
import { enc, inspectContainer } from './inspect.ts';

type ContainerMount = Extract<Assertion, { type: 'container_mount' }>;

/** One thing mounted into a container: a volume (source = its name), a bind mount (source = the host path)
 * or a tmpfs (no source). */
export interface MountSeen {
  kind: string;
  source: string;
  target: string;
  readOnly: boolean;
}

// What `docker inspect` says about mounts: `Mounts` lists volumes, bind mounts and `--mount type=tmpfs`;
// a `--tmpfs` mount shows only in HostConfig.Tmpfs (target → options such as "ro,size=64m").
const mountsInspectSchema = z.object({
  Mounts: z
    .array(
      z.object({
        Type: z.string(),
        Name: z.string().default(''),
        Source: z.string().default(''),
        Destination: z.string(),
        RW: z.boolean().default(true),
      }),
    )
    .nullable()
    .default([]),
  HostConfig: z
    .object({ Tmpfs: z.record(z.string(), z.string()).nullable().default({}) })
    .default({ Tmpfs: {} }),
});

/** Every mount of a container, from its inspect JSON. */
export function mountsOf(inspect: unknown): MountSeen[] {
  const parsed = mountsInspectSchema.safeParse(inspect);
  if (!parsed.success) return [];
  const mounts: MountSeen[] = (parsed.data.Mounts ?? []).map((m) => ({
    kind: m.Type,
    source: m.Type === 'volume' ? m.Name : m.Source,
    target: trimSlash(m.Destination),
    readOnly: !m.RW,
  }));
  for (const [target, options] of Object.entries(parsed.data.HostConfig.Tmpfs ?? {})) {
    if (mounts.some((m) => m.target === trimSlash(target))) continue;
    mounts.push({
      kind: 'tmpfs',
      source: '',
      target: trimSlash(target),
      readOnly: options.split(',').includes('ro'),
    });
  }
  return mounts;
}

// The container's mount at `target`: of the right kind, from the right source, read-only or not as asked.
export async function evaluateContainerMount(
  a: ContainerMount,
  inner: InnerEngine,
): Promise<AssertionOutcome> {
  if (!(await inspectContainer(inner, a.container))) return fail('container_missing', { name: a.container });
  const mounts = mountsOf((await inner.get(`/containers/${enc(a.container)}/json`)).body);
  const target = trimSlash(a.target);
  const about = { name: a.container, target };
  const m = mounts.find((x) => x.target === target);
  if (!m) {
    if (!mounts.length) return fail('mount_none', about);
    return fail('mount_missing', { ...about, mounts: mounts.map(describe).join(', ') });
  }
  if (m.kind !== a.mount) return fail('mount_kind', { ...about, kind: m.kind, expected: a.mount });
  if (a.source !== undefined && !sameSource(m, a.source)) {
    return fail('mount_source', { ...about, kind: m.kind, source: m.source, expected: a.source });
  }
  if (a.readOnly === false && m.readOnly) return fail('mount_read_only', about);
  if (a.readOnly === true && !m.readOnly) return fail('mount_writable', about);
  return ok('mount_ok', { ...about, kind: m.kind });
}

function sameSource(m: MountSeen, expected: string): boolean {
  return m.kind === 'bind' ? trimSlash(m.source) === trimSlash(expected) : m.source === expected;
}

function describe(m: MountSeen): string {
  const from = m.source ? `${m.source} → ` : '';
  return `${m.kind} ${from}${m.target}${m.readOnly ? ' (ro)' : ''}`;
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
