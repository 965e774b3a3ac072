import { BerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { assertUnderRateLimit, hitRateLimit, type Limit } from '../rate-limit/rate-limiter.ts';
import { type SessionUser, toSessionUser } from './create-guest-session.ts';
import { createSession } from './create-session.ts';
import { verifyPassword } from './password-hash.ts';

function limits(): { address: Limit; account: Limit } {
  const c = config();
  return {
    address: {
      bucket: 'login-address',
      limit: c.BERTH_LOGIN_PER_ADDRESS,
      windowSeconds: c.BERTH_AUTH_WINDOW_SECONDS,
    },
    account: {
      bucket: 'login-account',
      limit: c.BERTH_LOGIN_FAILURES_PER_ACCOUNT,
      windowSeconds: c.BERTH_AUTH_WINDOW_SECONDS,
    },
  };
}

// Email and password → an instructor session. Every attempt counts against the address; failed ones also
// against the email (known or not), checked before the password so a spent budget refuses even the right one.
// A wrong pair and an unknown email get the same 401 after the same argon2 work.
export async function signInInstructor(
  email: string,
  password: string,
  address: string,
): Promise<{ user: SessionUser; token: string; maxAgeSeconds: number }> {
  const { address: perAddress, account: perAccount } = limits();
  await hitRateLimit(perAddress, address);
  await assertUnderRateLimit(perAccount, email);
  const user = await db().user.findUnique({ where: { email } });
  const ok = await verifyPassword(user?.role === 'instructor' ? user.passwordHash : null, password);
  if (!user || !ok) {
    await hitRateLimit(perAccount, email).catch(() => {});
    throw new BerthError('unauthorized', 'Wrong email or password.');
  }
  const hours = config().BERTH_INSTRUCTOR_SESSION_HOURS;
  const token = await createSession(user.id, hours * 3600_000);
  return { user: toSessionUser(user), token, maxAgeSeconds: hours * 3600 };
}
