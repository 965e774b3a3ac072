import { setupTokenSchema } from '../../contract/instructor-setup.ts';
import { db } from '../db/client.ts';
import { hashSessionToken } from './session-cookie.ts';

// For the /setup/[token] page: the email a setup link is for while it still works (unused, unexpired),
// else null — the page then says the link is spent or expired.
export async function setupLinkEmail(token: string): Promise<string | null> {
  if (!setupTokenSchema.safeParse(token).success) return null;
  const row = await db().instructorSetupToken.findUnique({
    where: { tokenHash: hashSessionToken(token) },
    include: { user: { select: { email: true } } },
  });
  if (!row || row.usedAt || row.expiresAt.getTime() <= Date.now()) return null;
  return row.user.email;
}
