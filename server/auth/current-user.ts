import { cookies } from 'next/headers';
import type { SessionUser } from './create-guest-session.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { userFromToken } from './user-from-token.ts';

// For server components: the signed-in user of this request, or null.
export async function getCurrentUser(): Promise<SessionUser | null> {
  const jar = await cookies();
  return userFromToken(jar.get(SESSION_COOKIE)?.value);
}
