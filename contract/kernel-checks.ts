import { z } from 'zod';
import type { nodeNameSchema } from './ids.ts';

// Assertions that read the kernel's view of a container on the node: its namespaces under /proc/<pid>/ns and
// its cgroup's limit files (the internals lessons teach both).

type NodeField = z.ZodOptional<typeof nodeNameSchema>;
type NameField = z.ZodString;

export const namespaceKinds = ['net', 'pid', 'ipc', 'uts'] as const;

// `container` is in the same `kind` namespace (the same /proc/<pid>/ns/<kind> inode) as the running container
// `sharedWith`, or with `sharedWith: node` as the node itself.
export const containerNamespaceSchema = (node: NodeField, name: NameField) =>
  z
    .object({
      type: z.literal('container_namespace'),
      node,
      container: name,
      kind: z.enum(namespaceKinds),
      sharedWith: name,
    })
    .strict();

// A memory size as `docker run --memory` takes it: bytes, or a number with b, k, m or g (powers of 1024).
export const memorySizeSchema = z.union([
  z.number().int().positive(),
  z.string().regex(/^\d+[bkmg]?$/i, 'a size like 64m, 512k, 1g or a number of bytes'),
]);

export function memoryBytes(size: z.infer<typeof memorySizeSchema>): number {
  if (typeof size === 'number') return size;
  const unit = size.slice(-1).toLowerCase();
  const power = 'bkmg'.indexOf(unit);
  return power < 0 ? Number(size) : Number(size.slice(0, -1)) * 1024 ** power;
}

// A running container's limits as its cgroup's files say (cgroup v1 memory.limit_in_bytes and pids.max, or
// v2 memory.max and pids.max): `memory` in bytes or as `--memory` takes it, `pids` as `--pids-limit`.
export const containerLimitsSchema = (node: NodeField, name: NameField) =>
  z
    .object({
      type: z.literal('container_limits'),
      node,
      container: name,
      memory: memorySizeSchema.optional(),
      pids: z.number().int().positive().optional(),
    })
    .strict()
    .refine((a) => a.memory !== undefined || a.pids !== undefined, { error: 'give memory, pids or both' });
