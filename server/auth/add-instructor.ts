import { db } from '../db/client.ts';
import { hashPassword } from './password-hash.ts';

// Creates the instructor, or sets a new password for an existing one (and ends their sessions, as a
// password reset should). `name` defaults to the part of the email before the @.
export async function addInstructor(email: string, password: string): Promise<'created' | 'updated'> {
  const passwordHash = await hashPassword(password);
  const existing = await db().user.findUnique({ where: { email } });
  if (existing) {
    await db().$transaction([
      db().user.update({ where: { id: existing.id }, data: { passwordHash, role: 'instructor' } }),
      db().session.deleteMany({ where: { userId: existing.id } }),
    ]);
    return 'updated';
  }
  await db().user.create({
    data: { email, passwordHash, role: 'instructor', name: email.split('@')[0] || email },
  });
  return 'created';
}
