import type { PrewarmStatus } from '../../contract/classrooms.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { enqueuePrewarm } from '../queues/sandbox-queue.ts';
import { prewarmStatus } from '../sandboxes/classroom-prewarm.ts';
import { getOwnedClassroom } from './owned-classroom.ts';

// POST /api/classrooms/:id/prewarm: a new request of `count` warm sandboxes for the class (claims are
// counted from now on); the refill job starts or releases them.
export async function prewarmClassroom(user: SessionUser, id: string, count: number): Promise<PrewarmStatus> {
  await getOwnedClassroom(user, id);
  const classroom = await db().classroom.update({
    where: { id },
    data: { prewarmCount: count, prewarmAt: new Date() },
  });
  await enqueuePrewarm(id);
  return prewarmStatus(classroom);
}

// GET /api/classrooms/:id/prewarm
export async function getPrewarmStatus(user: SessionUser, id: string): Promise<PrewarmStatus> {
  return prewarmStatus(await getOwnedClassroom(user, id));
}
