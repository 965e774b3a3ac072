// Who is looking at the page, as far as the server knows: the user, null (signed out), or undefined when
// the session store cannot be asked right now; the browser then asks GET /api/auth/me itself.
import { getCurrentUser } from '@/server/auth/current-user.ts';
import type { User } from '../api/schemas';

export async function getServerViewer(): Promise<User | null | undefined> {
  try {
    return await getCurrentUser();
  } catch (e) {
    // A page must still render when the database is down; the client-side check reports the problem.
    console.error('berth: could not read the session for a page render:', e instanceof Error ? e.message : e);
    return undefined;
  }
}
