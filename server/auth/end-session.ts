import { db } from '../db/client.ts';
import { hashSessionToken } from './session-cookie.ts';

// Sign-out: the session of this cookie stops working at once (not only in this browser).
export async function endSession(token: string | undefined): Promise<void> {
  if (!token || token.length > 200) return;
  await db().session.deleteMany({ where: { tokenHash: hashSessionToken(token) } });
}
