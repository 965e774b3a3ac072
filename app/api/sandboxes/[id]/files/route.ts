import { z } from 'zod';
import { nodeNameSchema } from '@/contract/ids.ts';
import { nodeFilePathSchema } from '@/contract/node-files.ts';
import { readSandboxFile } from '@/server/files/read-sandbox-file.ts';
import { writeSandboxFile } from '@/server/files/write-sandbox-file.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { validationError } from '@/server/http/error-response.ts';

const query = z.object({ node: nodeNameSchema.default('node1'), path: nodeFilePathSchema });
const body = z.object({
  node: nodeNameSchema.default('node1'),
  path: nodeFilePathSchema,
  content: z.string(),
});

// GET /api/sandboxes/:id/files?node=&path=: a file's content or a directory's entries on a node.
export const GET = userRoute(undefined, async ({ user, params, req }) => {
  const url = new URL(req.url);
  const q = query.safeParse({
    node: url.searchParams.get('node') ?? undefined,
    path: url.searchParams.get('path'),
  });
  if (!q.success) throw validationError(q.error.issues);
  return Response.json(await readSandboxFile({ user, sandboxId: params.id ?? '', ...q.data }));
});

// PUT /api/sandboxes/:id/files {node,path,content}: saves a file on a node (up to 1 MiB).
export const PUT = userRoute(
  body,
  async ({ user, params, body }) =>
    Response.json(await writeSandboxFile({ user, sandboxId: params.id ?? '', ...body })),
  // Room for a 1 MiB file JSON-escaped; writeSandboxFile enforces the 1 MiB itself.
  { maxBodyBytes: 8 * 1024 * 1024 },
);
