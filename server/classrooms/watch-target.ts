import { z } from 'zod';
import { classroomAccess, learnerOfClassroom } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';

// Whom the instructor's watch page (app/classrooms/[id]/watch/[learnerId]) shows: the learner of their
// classroom, the learner's live sandbox if any (its nodes and whether the learner lets the instructor
// type), and their raised hand. The classroom's instructor only; anyone else, or a learner of another
// classroom, 404.
export interface WatchTarget {
  classroom: { id: string; title: string };
  learner: { id: string; name: string };
  sandbox: { id: string; nodes: string[]; typingAllowed: boolean } | null;
  hand: { message: string | null; raisedAt: string } | null;
}

export async function watchTarget(
  user: SessionUser,
  classroomId: string,
  learnerId: string,
): Promise<WatchTarget> {
  const { classroom } = await classroomAccess(user, classroomId, ['instructor']);
  const learner = await learnerOfClassroom(classroom, learnerId);
  const [sandbox, hand] = await Promise.all([
    db().sandbox.findUnique({
      where: { liveUserId: learner.id },
      select: { id: true, nodes: true, instructorTyping: true },
    }),
    db().raisedHand.findUnique({ where: { learnerId: learner.id } }),
  ]);
  return {
    classroom: { id: classroom.id, title: classroom.title },
    learner: { id: learner.id, name: learner.name },
    sandbox: sandbox && {
      id: sandbox.id,
      nodes: z.array(z.string()).parse(JSON.parse(sandbox.nodes)),
      typingAllowed: sandbox.instructorTyping,
    },
    hand: hand && { message: hand.message, raisedAt: hand.raisedAt.toISOString() },
  };
}
