import { BerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { type SessionUser, toSessionUser } from './create-guest-session.ts';
import { createSession } from './create-session.ts';
import { hashPassword } from './password-hash.ts';
import { hashSessionToken } from './session-cookie.ts';
import { setupLinkEmail } from './setup-link-email.ts';

const SPENT = 'This setup link has expired or was already used. Ask for a new one.';

// A setup link's token and a new password → the instructor's password is set, their other sessions end (as
// a reset should) and they are signed in. The link is spent by one conditional update, so two submits at
// once cannot both use it; a spent, expired or unknown link is the same 404.
export async function completeInstructorSetup(
  token: string,
  password: string,
): Promise<{ user: SessionUser; token: string; maxAgeSeconds: number }> {
  // Checked before the argon2 work, so made-up links cost the server nothing.
  if (!(await setupLinkEmail(token))) throw new BerthError('not_found', SPENT);
  const passwordHash = await hashPassword(password);
  const hours = config().BERTH_INSTRUCTOR_SESSION_HOURS;
  return db().$transaction(async (tx) => {
    const now = new Date();
    const tokenHash = hashSessionToken(token);
    // Spent first, as the transaction's first statement: a write before any read (see issue-setup-link.ts).
    const spent = await tx.instructorSetupToken.updateMany({
      where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    const row = spent.count === 1 ? await tx.instructorSetupToken.findUnique({ where: { tokenHash } }) : null;
    if (!row) throw new BerthError('not_found', SPENT);
    const user = await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, role: 'instructor' },
    });
    await tx.session.deleteMany({ where: { userId: user.id } });
    const session = await createSession(user.id, hours * 3600_000, tx);
    return { user: toSessionUser(user), token: session, maxAgeSeconds: hours * 3600 };
  });
}
