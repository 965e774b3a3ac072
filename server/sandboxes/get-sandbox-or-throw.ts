import { BerthError } from '../../contract/errors.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';

// The one ownership rule for HTTP and websockets alike: not yours → 404, as if it did not exist.
export async function getSandboxOrThrow(user: SessionUser, sandboxId: string) {
  const row = await db().sandbox.findUnique({ where: { id: sandboxId } });
  if (!row || row.userId !== user.id) throw new BerthError('not_found', 'No such sandbox.');
  return row;
}
