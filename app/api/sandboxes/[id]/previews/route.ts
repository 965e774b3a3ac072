import { previewTicketBodySchema } from '@/contract/preview-ticket.ts';
import { readCookie, SESSION_COOKIE } from '@/server/auth/session-cookie.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { issuePreviewTicket } from '@/server/preview/issue-preview-ticket.ts';

export const dynamic = 'force-dynamic';

// POST /api/sandboxes/:id/previews {node, port}: 201 {url, expiresAt} — a link to that preview on the
// preview origin with a single-use ticket; for the sandbox's owner or their classroom's instructor (else 404).
export const POST = userRoute(previewTicketBodySchema, async ({ req, params, body }) =>
  Response.json(
    await issuePreviewTicket({
      sessionToken: readCookie(req.headers.get('cookie'), SESSION_COOKIE),
      sandboxId: params.id ?? '',
      node: body.node,
      port: body.port,
      origin: req.headers.get('origin'),
      host: req.headers.get('host'),
    }),
    { status: 201, headers: { 'cache-control': 'no-store' } },
  ),
);
