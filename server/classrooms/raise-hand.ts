import { classroomAccess } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { publishClassroomEvent } from './classroom-events.ts';

// A learner of the classroom asks for help, with an optional message (stored as typed; pages show it as
// text). Raising again while up only replaces the message: the learner keeps their place in the queue.
export async function raiseHand(user: SessionUser, classroomId: string, message?: string): Promise<void> {
  await classroomAccess(user, classroomId, ['learner']);
  const text = message?.trim() ? message : null;
  const hand = await db().raisedHand.upsert({
    where: { learnerId: user.id },
    create: { learnerId: user.id, classroomId, message: text },
    update: { message: text },
  });
  await publishClassroomEvent(classroomId, {
    type: 'hand',
    learnerId: user.id,
    name: user.name,
    raised: true,
    message: hand.message,
    at: hand.raisedAt.toISOString(),
  });
}
