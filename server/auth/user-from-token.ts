import { db } from '../db/client.ts';
import { type SessionUser, toSessionUser } from './create-guest-session.ts';
import { hashSessionToken } from './session-cookie.ts';

// The one lookup behind every entry point (route handlers, server components, websocket upgrades).
export async function userFromToken(token: string | undefined): Promise<SessionUser | null> {
  return (await sessionFromToken(token))?.user ?? null;
}

/** The live session of a cookie token: its id (what preview grants are bound to) and its user. */
export async function sessionFromToken(
  token: string | undefined,
): Promise<{ sessionId: string; user: SessionUser } | null> {
  if (!token || token.length > 200) return null;
  return liveSession(
    await db().session.findUnique({ where: { tokenHash: hashSessionToken(token) }, include: { user: true } }),
  );
}

/** The user of a session that still exists and has not expired (sign-out ends it at once). */
export async function userOfSession(sessionId: string): Promise<SessionUser | null> {
  const session = await db().session.findUnique({ where: { id: sessionId }, include: { user: true } });
  return liveSession(session)?.user ?? null;
}

function liveSession(
  session: { id: string; expiresAt: Date; user: { id: string; name: string; role: string } } | null,
) {
  if (!session || session.expiresAt.getTime() < Date.now()) return null;
  return { sessionId: session.id, user: toSessionUser(session.user) };
}
