// What the instructor's classroom pages share: who is asking (signed out → the sign-in page, then back
// here), and a 404 page for what the one access rule hides (server/auth/access.ts).
import { notFound, redirect } from 'next/navigation';
import { isBerthError } from '@/contract/errors.ts';
import type { SessionUser } from '@/server/auth/create-guest-session.ts';
import { getCurrentUser } from '@/server/auth/current-user.ts';

export async function signedInFor(path: string): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(`/signin?next=${encodeURIComponent(path)}`);
  return user;
}

export async function orNotFound<T>(loading: Promise<T>): Promise<T> {
  try {
    return await loading;
  } catch (e) {
    if (isBerthError(e) && e.code === 'not_found') notFound();
    throw e;
  }
}
