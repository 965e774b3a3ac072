import type { Broadcast } from '../../contract/classrooms.ts';
import { classroomAccess } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';

export const RECENT_BROADCASTS = 20;

// The classroom's newest broadcasts, newest first, for its instructor and its learners.
export async function listBroadcasts(user: SessionUser, classroomId: string): Promise<Broadcast[]> {
  await classroomAccess(user, classroomId, ['instructor', 'learner']);
  const rows = await db().broadcast.findMany({
    where: { classroomId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: RECENT_BROADCASTS,
  });
  return rows.map((r) => ({ id: r.id, message: r.message, at: r.createdAt.toISOString() }));
}
