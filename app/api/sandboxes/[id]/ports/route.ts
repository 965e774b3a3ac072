import { z } from 'zod';
import { userRoute } from '@/server/http/api-route.ts';
import { validationError } from '@/server/http/error-response.ts';
import { listPublishedPorts } from '@/server/preview/list-published-ports.ts';
import { previewOrigin } from '@/server/preview/preview-origin.ts';

export const dynamic = 'force-dynamic';

const query = z.object({ after: z.string().max(64).optional() });

// GET /api/sandboxes/:id/ports?after=<version>: ports published on its nodes, with their preview-origin
// addresses (owner or their instructor); with `after`, answers once they differ from that version (or
// after ~20 s with the same list).
export const GET = userRoute(undefined, async ({ user, params, req }) => {
  const q = query.safeParse({ after: new URL(req.url).searchParams.get('after') ?? undefined });
  if (!q.success) throw validationError(q.error.issues);
  const origin = previewOrigin(req.headers.get('origin'), req.headers.get('host'));
  const answer = await listPublishedPorts({
    user,
    sandboxId: params.id ?? '',
    after: q.data.after,
    previewOrigin: origin,
  });
  return Response.json(answer, { headers: { 'cache-control': 'no-store' } });
});
