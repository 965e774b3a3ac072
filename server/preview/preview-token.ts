import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { nodeNameSchema, sandboxIdSchema } from '../../contract/ids.ts';
import { agentToken } from '../agents/agent-token.ts';
import { processSingleton } from '../runtime/process-singleton.ts';

// Signed, single-purpose tokens for the preview origin (server/preview/preview-server.ts), which knows no
// Berth session:
// - a `ticket` (60 s, spent on first use) travels in the URL the Berth page opens;
// - a `grant` is what the preview origin turns a ticket into: its own HttpOnly cookie for one
//   sandbox+node+port, bound to the viewer's Berth session (signing out ends it).
// The key is derived from BERTH_AGENT_TOKEN, the secret every control-plane replica already shares, so any
// replica verifies what another signed; without one (a lone dev process) a random key per process.

export const TICKET_MS = 60_000;
export const GRANT_MS = 4 * 3600_000;

const claimSchema = z.object({
  purpose: z.enum(['ticket', 'grant']),
  /** The viewer's Berth session (Session.id). */
  sid: z.string().min(1).max(64),
  sbx: sandboxIdSchema,
  node: nodeNameSchema,
  port: z.number().int().min(1).max(65_535),
  /** Expiry, ms since the epoch. */
  exp: z.number().int(),
  /** Random id: a ticket is spent by it (server/preview/redeem-preview-ticket.ts). */
  jti: z.string().min(16).max(64),
});
export type PreviewClaim = z.infer<typeof claimSchema>;
export type PreviewTarget = Pick<PreviewClaim, 'sbx' | 'node' | 'port'>;

function key(): Buffer {
  const shared = agentToken();
  if (shared) return createHash('sha256').update(`berth preview tokens v1\0${shared}`).digest();
  return processSingleton('preview-token-key', () => randomBytes(32));
}

function mac(body: string): Buffer {
  return createHmac('sha256', key()).update(body).digest();
}

export function signPreviewToken(
  purpose: PreviewClaim['purpose'],
  sid: string,
  target: PreviewTarget,
  lifetimeMs: number,
): { token: string; claim: PreviewClaim } {
  const claim: PreviewClaim = {
    purpose,
    sid,
    ...target,
    exp: Date.now() + lifetimeMs,
    jti: randomBytes(16).toString('base64url'),
  };
  const body = Buffer.from(JSON.stringify(claim)).toString('base64url');
  return { token: `${body}.${mac(body).toString('base64url')}`, claim };
}

/** The claim of a token signed by Berth for this purpose and target and not yet expired, else undefined. */
export function verifyPreviewToken(
  token: string,
  purpose: PreviewClaim['purpose'],
  target: PreviewTarget,
): PreviewClaim | undefined {
  if (token.length > 1024) return undefined;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return undefined;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(body);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const claim = claimSchema.safeParse(json);
  if (!claim.success) return undefined;
  const c = claim.data;
  const fits =
    c.purpose === purpose && c.sbx === target.sbx && c.node === target.node && c.port === target.port;
  return fits && c.exp > Date.now() ? c : undefined;
}
