import { z } from 'zod';

// Files on a node, for the editor: the agent answers these and the public API passes them on unchanged.

/** A path on the node; the agent checks it again before touching anything. */
export const nodeFilePathSchema = z.string().min(1).max(4096);

const nodeEntrySchema = z.object({
  name: z.string(),
  type: z.enum(['file', 'directory', 'symlink', 'other']),
  size: z.number(),
});
export type NodeEntry = z.infer<typeof nodeEntrySchema>;

/** A directory's entries or a file's text. */
export const nodeFileListingSchema = z.discriminatedUnion('type', [
  z.object({ path: z.string(), type: z.literal('directory'), entries: z.array(nodeEntrySchema) }),
  z.object({ path: z.string(), type: z.literal('file'), content: z.string(), size: z.number() }),
]);
export type NodeFileListing = z.infer<typeof nodeFileListingSchema>;

/** The answer to a file save. */
export const writtenFileSchema = z.object({ path: z.string(), size: z.number() });
