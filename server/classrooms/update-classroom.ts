import { BerthError } from '../../contract/errors.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { type Classroom, db } from '../db/client.ts';
import { getOwnedClassroom } from './owned-classroom.ts';

// Close or reopen joining, or archive. Learners, their sessions and their check runs stay as they are.
export async function updateClassroom(
  user: SessionUser,
  id: string,
  change: { joinOpen?: boolean; archived?: true },
): Promise<Classroom> {
  const c = await getOwnedClassroom(user, id);
  if (c.archivedAt && change.joinOpen)
    throw new BerthError('conflict', 'An archived classroom cannot reopen.');
  return db().classroom.update({
    where: { id },
    data: {
      ...(change.joinOpen === undefined ? {} : { joinOpen: change.joinOpen }),
      ...(change.archived ? { archivedAt: c.archivedAt ?? new Date(), joinOpen: false } : {}),
    },
  });
}
