import { BerthError } from '../../contract/errors.ts';
import { sharedRedis } from '../redis/shared-redis.ts';
import { previewCookieHeader } from './preview-cookie.ts';
import type { PreviewPath } from './preview-path.ts';
import {
  GRANT_MS,
  type PreviewClaim,
  signPreviewToken,
  TICKET_MS,
  verifyPreviewToken,
} from './preview-token.ts';

// On the preview origin: a ticket from a preview link → the Set-Cookie of a grant for that preview. A ticket
// works once (its id is spent in Redis, shared by every replica) and only for the preview it names.
export async function redeemPreviewTicket(
  ticket: string,
  p: PreviewPath,
  authorise: (claim: PreviewClaim) => Promise<unknown>,
): Promise<string> {
  const target = { sbx: p.sandboxId, node: p.node, port: p.port };
  const claim = verifyPreviewToken(ticket, 'ticket', target);
  if (!claim)
    throw new BerthError('not_found', 'This preview link has expired. Open the preview again from Berth.');
  const fresh = await sharedRedis().set(`berth:preview-ticket:${claim.jti}`, '1', 'PX', TICKET_MS * 2, 'NX');
  if (fresh !== 'OK')
    throw new BerthError(
      'not_found',
      'This preview link was already used. Open the preview again from Berth.',
    );
  await authorise(claim);
  const { token } = signPreviewToken('grant', claim.sid, target, GRANT_MS);
  return previewCookieHeader(token, p.prefix, GRANT_MS / 1000);
}
