import type { Hands } from '../../contract/classrooms.ts';
import { classroomAccess } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';

// The classroom's help queue for its instructor: raised hands, oldest first, with each learner's live
// sandbox (to watch), if any.
export async function listHands(user: SessionUser, classroomId: string): Promise<Hands> {
  await classroomAccess(user, classroomId, ['instructor']);
  const hands = await db().raisedHand.findMany({
    where: { classroomId },
    orderBy: { raisedAt: 'asc' },
    include: { learner: { select: { name: true } } },
  });
  const live = await db().sandbox.findMany({
    where: { liveUserId: { in: hands.map((h) => h.learnerId) } },
    select: { id: true, liveUserId: true },
  });
  const sandboxOf = new Map(live.map((s) => [s.liveUserId, s.id]));
  return {
    hands: hands.map((h) => ({
      learnerId: h.learnerId,
      name: h.learner.name,
      message: h.message,
      raisedAt: h.raisedAt.toISOString(),
      sandboxId: sandboxOf.get(h.learnerId) ?? null,
    })),
  };
}
