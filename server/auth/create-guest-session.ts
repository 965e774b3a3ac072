import { BerthError } from '../../contract/errors.ts';
import type { User } from '../../contract/public-api.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { hashSessionToken, newSessionToken, SESSION_DAYS } from './session-cookie.ts';

// The signed-in user of a request: the public API's user shape.
export type SessionUser = User;

// A guest learner: a name, no password; the cookie is the credential. BERTH_GUEST_SIGN_IN=false leaves
// only classroom joins (a class whose seats a script cannot take with made-up guests).
export async function createGuestSession(name: string): Promise<{ user: SessionUser; token: string }> {
  if (!config().BERTH_GUEST_SIGN_IN)
    throw new BerthError(
      'forbidden',
      'Guest sign-in is off here: join with the code your instructor gave you.',
    );
  const token = newSessionToken();
  const user = await db().user.create({
    data: {
      name,
      sessions: {
        create: {
          tokenHash: hashSessionToken(token),
          expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000),
        },
      },
    },
  });
  return { user: toSessionUser(user), token };
}

export function toSessionUser(u: { id: string; name: string; role: string }): SessionUser {
  return { id: u.id, name: u.name, role: u.role === 'instructor' ? 'instructor' : 'learner' };
}
