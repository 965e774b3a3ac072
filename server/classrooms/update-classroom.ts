import { BerthError } from '../../contract/errors.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { type Classroom, db } from '../db/client.ts';
import { enqueuePrewarm } from '../queues/sandbox-queue.ts';
import { getOwnedClassroom } from './owned-classroom.ts';
import { checkSandboxMinutes } from './sandbox-minutes.ts';

// Close or reopen joining, archive, or set the sandbox time limit (sandboxes started from then on get it).
// Learners, their sessions and their check runs stay as they are.
export async function updateClassroom(
  user: SessionUser,
  id: string,
  change: { joinOpen?: boolean; archived?: true; sandboxMinutes?: number | null },
): Promise<Classroom> {
  const c = await getOwnedClassroom(user, id);
  checkSandboxMinutes(change.sandboxMinutes);
  if (c.archivedAt && change.joinOpen)
    throw new BerthError('conflict', 'An archived classroom cannot reopen.');
  const updated = await db().classroom.update({
    where: { id },
    data: {
      ...(change.joinOpen === undefined ? {} : { joinOpen: change.joinOpen }),
      ...(change.sandboxMinutes === undefined ? {} : { sandboxMinutes: change.sandboxMinutes }),
      ...(change.archived ? { archivedAt: c.archivedAt ?? new Date(), joinOpen: false } : {}),
    },
  });
  // An archived class needs no pre-warmed sandboxes: release them now, not at the next scheduler round.
  if (change.archived && c.prewarmCount > 0) await enqueuePrewarm(id);
  return updated;
}
