import { BerthError } from '../../contract/errors.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { type Classroom, db } from '../db/client.ts';

// The classroom `id` if `user` is its instructor; anyone else (a learner, another instructor) gets the same
// 404 as for a classroom that does not exist, so ids reveal nothing.
export async function getOwnedClassroom(user: SessionUser, id: string): Promise<Classroom> {
  const c = user.role === 'instructor' ? await db().classroom.findUnique({ where: { id } }) : null;
  if (!c || c.instructorId !== user.id) throw new BerthError('not_found', 'No such classroom.');
  return c;
}
