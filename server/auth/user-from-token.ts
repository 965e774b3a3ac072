import { db } from '../db/client.ts';
import { type SessionUser, toSessionUser } from './create-guest-session.ts';
import { hashSessionToken } from './session-cookie.ts';

// The one lookup behind every entry point (route handlers, server components, websocket upgrades).
export async function userFromToken(token: string | undefined): Promise<SessionUser | null> {
  if (!token || token.length > 200) return null;
  const session = await db().session.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { user: true },
  });
  if (!session || session.expiresAt.getTime() < Date.now()) return null;
  return toSessionUser(session.user);
}
