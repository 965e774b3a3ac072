import type { SessionUser } from '../auth/create-guest-session.ts';
import { type Classroom, db } from '../db/client.ts';

// What a learner sees of their own classroom: its id, title and lessons, and nothing of its settings or
// other learners. The join and resume replies lead on to its first lesson; lesson pages show its live widgets.
export interface LearnerClassroom {
  classroomId: string;
  title: string;
  lessonIds: string[];
}

export function toLearnerClassroom(c: Classroom): LearnerClassroom {
  const lessonIds: unknown = JSON.parse(c.lessonIds);
  return {
    classroomId: c.id,
    title: c.title,
    lessonIds: Array.isArray(lessonIds) ? lessonIds.filter((id) => typeof id === 'string') : [],
  };
}

/** The signed-in learner's classroom (and their raised hand, if it is up), or null: not a classroom
 * learner, or the classroom is archived. The event stream tells later changes of the hand. */
export async function getLearnerClassroom(
  user: SessionUser | null | undefined,
): Promise<(LearnerClassroom & { hand: { message: string | null } | null }) | null> {
  if (user?.role !== 'learner') return null;
  const row = await db().user.findUnique({
    where: { id: user.id },
    select: { classroom: true, raisedHand: { select: { message: true } } },
  });
  if (!row?.classroom || row.classroom.archivedAt) return null;
  return { ...toLearnerClassroom(row.classroom), hand: row.raisedHand };
}
