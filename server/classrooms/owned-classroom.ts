import { classroomAccess } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import type { Classroom } from '../db/client.ts';

// The classroom `id` if `user` is its instructor; anyone else (a learner, another instructor) gets the same
// 404 as for a classroom that does not exist (server/auth/access.ts).
export async function getOwnedClassroom(user: SessionUser, id: string): Promise<Classroom> {
  return (await classroomAccess(user, id, ['instructor'])).classroom;
}
