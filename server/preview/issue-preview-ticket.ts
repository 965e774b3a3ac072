import { BerthError } from '../../contract/errors.ts';
import { sessionFromToken } from '../auth/user-from-token.ts';
import { readyNodeOfSandbox } from '../files/ready-node-of-sandbox.ts';
import { previewOrigin } from './preview-origin.ts';
import { previewUrl, TICKET_PARAM } from './preview-path.ts';
import { signPreviewToken, TICKET_MS } from './preview-token.ts';

// A link that opens one preview on the preview origin: its URL carries a ticket (60 s, single use) that the
// preview origin trades for a cookie of its own. Only for a sandbox the caller may view, ready, with that
// node; the ticket is bound to the caller's Berth session.
export async function issuePreviewTicket(input: {
  sessionToken: string | undefined;
  sandboxId: string;
  node: string;
  port: number;
  origin: string | null;
  host: string | null;
}): Promise<{ url: string; expiresAt: string }> {
  const session = await sessionFromToken(input.sessionToken);
  if (!session) throw new BerthError('unauthorized', 'Sign in first (POST /api/auth/guest).');
  await readyNodeOfSandbox(session.user, input.sandboxId, input.node, { watch: true });
  const target = { sbx: input.sandboxId, node: input.node, port: input.port };
  const { token, claim } = signPreviewToken('ticket', session.sessionId, target, TICKET_MS);
  const base = `${previewOrigin(input.origin, input.host)}${previewUrl(input.sandboxId, input.node, input.port)}`;
  return { url: `${base}?${TICKET_PARAM}=${token}`, expiresAt: new Date(claim.exp).toISOString() };
}
