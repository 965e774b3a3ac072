import { BerthError } from '../../contract/errors.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';

// Who may open a sandbox's previews: its owner, or the instructor of the classroom its owner joined
// (to look at a learner's app). Anyone else gets 404, as if it did not exist.
export async function viewableSandboxOrThrow(user: SessionUser, sandboxId: string) {
  const row = await db().sandbox.findUnique({
    where: { id: sandboxId },
    include: { user: { select: { classroom: { select: { instructorId: true } } } } },
  });
  const instructs = user.role === 'instructor' && row?.user.classroom?.instructorId === user.id;
  if (!row || (row.userId !== user.id && !instructs)) throw new BerthError('not_found', 'No such sandbox.');
  const { user: _owner, ...sandbox } = row;
  return sandbox;
}
