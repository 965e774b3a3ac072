import { BerthError } from '../../contract/errors.ts';
import { canSeeSandbox } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';

// A sandbox `user` may see by the one rule of server/auth/access.ts (its owner; with `watch`, also the
// instructor of the owner's classroom); anyone else gets 404, as if it did not exist.
export async function getSandboxOrThrow(
  user: SessionUser,
  sandboxId: string,
  opts: { watch?: boolean } = {},
) {
  const row = await db().sandbox.findUnique({ where: { id: sandboxId } });
  if (!row || !(await canSeeSandbox(user, row, opts))) throw new BerthError('not_found', 'No such sandbox.');
  return row;
}
