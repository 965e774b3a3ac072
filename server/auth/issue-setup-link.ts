import { SETUP_LINK_HOURS } from '../../contract/instructor-setup.ts';
import { db } from '../db/client.ts';
import { hashSessionToken, newSessionToken } from './session-cookie.ts';

// `./berth instructors add <email>` without a password: the instructor (made now, with no password, or an
// existing one) gets a one-time link to set one. Only the token's hash is stored; a new link replaces any
// unused earlier one. An existing password keeps working until the link is used.
export async function issueSetupLink(
  email: string,
): Promise<{ token: string; expiresAt: Date; outcome: 'created' | 'existing' }> {
  const token = newSessionToken();
  const expiresAt = new Date(Date.now() + SETUP_LINK_HOURS * 3600_000);
  return db().$transaction(async (tx) => {
    // A write comes first: SQLite (WAL) cannot turn a transaction that has read into one that writes once
    // another process (the web server's heartbeats) has written in between; it fails at once with BUSY.
    // Starting with the write takes the write lock up front, and waits its turn for it.
    const promoted = await tx.user.updateMany({ where: { email }, data: { role: 'instructor' } });
    const user = promoted.count
      ? await tx.user.findUniqueOrThrow({ where: { email } })
      : await tx.user.create({ data: { email, role: 'instructor', name: email.split('@')[0] || email } });
    await tx.instructorSetupToken.deleteMany({ where: { userId: user.id, usedAt: null } });
    await tx.instructorSetupToken.create({
      data: { userId: user.id, tokenHash: hashSessionToken(token), expiresAt },
    });
    return { token, expiresAt, outcome: promoted.count ? 'existing' : 'created' };
  });
}
