import type { Prisma } from '../db/client.ts';
import { db } from '../db/client.ts';
import { hashSessionToken, newSessionToken } from './session-cookie.ts';

// A new session for an existing user (instructor sign-in, a learner's resume): only the token's hash is kept.
export async function createSession(
  userId: string,
  lifetimeMs: number,
  tx: Prisma.TransactionClient = db(),
): Promise<string> {
  const token = newSessionToken();
  await tx.session.create({
    data: { userId, tokenHash: hashSessionToken(token), expiresAt: new Date(Date.now() + lifetimeMs) },
  });
  return token;
}
