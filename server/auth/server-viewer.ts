// Who is looking at a page, for the layout's server render: the user, null (signed out), or undefined when
// the session store cannot be asked right now; the browser then asks GET /api/auth/me itself.
import type { User } from '../../contract/public-api.ts';
import { getCurrentUser } from './current-user.ts';

export async function getServerViewer(): Promise<User | null | undefined> {
  try {
    return await getCurrentUser();
  } catch (e) {
    // A page must still render when the database is down; the client-side check reports the problem.
    console.error('berth: could not read the session for a page render:', e instanceof Error ? e.message : e);
    return undefined;
  }
}
