import { BerthError } from '../../contract/errors.ts';
import type { User } from '../../contract/public-api.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { hitRateLimit } from '../rate-limit/rate-limiter.ts';
import { hashSessionToken, newSessionToken, SESSION_DAYS } from './session-cookie.ts';

// The signed-in user of a request: the public API's user shape.
export type SessionUser = User;

// A guest learner: a name, no password; the cookie is the credential. BERTH_GUEST_SIGN_IN=false leaves
// only classroom joins (a class whose seats a script cannot take with made-up guests). Sign-ins are counted
// per client address (BERTH_GUEST_SIGN_INS_PER_ADDRESS), so one script cannot make hundreds of guests.
export async function createGuestSession(
  name: string,
  address: string,
): Promise<{ user: SessionUser; token: string }> {
  const c = config();
  if (!c.BERTH_GUEST_SIGN_IN)
    throw new BerthError(
      'forbidden',
      'Guest sign-in is off here: join with the code your instructor gave you.',
    );
  await hitRateLimit(
    {
      bucket: 'guest-address',
      limit: c.BERTH_GUEST_SIGN_INS_PER_ADDRESS,
      windowSeconds: c.BERTH_AUTH_WINDOW_SECONDS,
      refusal: 'Too many guest sign-ins from your network.',
    },
    address,
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
