import { classroomAccess, learnerOfClassroom } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { publishClassroomEvent } from './classroom-events.ts';

// A raised hand comes down: the learner lowers their own (no `learnerId`), or the classroom's instructor
// resolves a learner's (`learnerId`). Lowering a hand that is not up changes nothing and is no error.
export async function lowerHand(user: SessionUser, classroomId: string, learnerId?: string): Promise<void> {
  const { classroom } = await classroomAccess(user, classroomId, [learnerId ? 'instructor' : 'learner']);
  const learner = learnerId ? await learnerOfClassroom(classroom, learnerId) : user;
  const { count } = await db().raisedHand.deleteMany({ where: { learnerId: learner.id, classroomId } });
  if (count === 0) return;
  await publishClassroomEvent(classroomId, {
    type: 'hand',
    learnerId: learner.id,
    name: learner.name,
    raised: false,
    message: null,
    at: new Date().toISOString(),
  });
}
