import { RESUME_CODE_LENGTH } from '../../contract/classrooms.ts';
import { BerthError } from '../../contract/errors.ts';
import { type SessionUser, toSessionUser } from '../auth/create-guest-session.ts';
import { createSession } from '../auth/create-session.ts';
import { db } from '../db/client.ts';
import { hitRateLimit } from '../rate-limit/rate-limiter.ts';
import { hashResumeCode, newAccessCode } from './access-code.ts';
import { publishClassroomEvent } from './classroom-events.ts';
import { joinLimit, LEARNER_SESSION_MS } from './classroom-limits.ts';
import { type LearnerClassroom, toLearnerClassroom } from './learner-classroom.ts';

const NOT_FOUND = 'No open classroom has this code. Check it with your instructor.';

// A learner joins by code with a display name: a new passwordless learner in the classroom, a session, and a
// resume code to sign in again elsewhere. Unknown, closed and archived codes all answer 404.
export async function joinClassroom(
  code: string,
  name: string,
  address: string,
): Promise<LearnerClassroom & { user: SessionUser; token: string; resumeCode: string }> {
  await hitRateLimit(joinLimit(), address);
  const classroom = await db().classroom.findUnique({ where: { joinCode: code } });
  if (!classroom?.joinOpen || classroom.archivedAt) throw new BerthError('not_found', NOT_FOUND);
  // Take a seat with one conditional update, so concurrent joins (on any replica) cannot pass the cap.
  const seat = await db().classroom.updateMany({
    where: {
      id: classroom.id,
      joinOpen: true,
      archivedAt: null,
      ...(classroom.learnerCap === null ? {} : { learnerCount: { lt: classroom.learnerCap } }),
    },
    data: { learnerCount: { increment: 1 } },
  });
  if (seat.count === 0) {
    const now = await db().classroom.findUnique({ where: { id: classroom.id } });
    if (now?.joinOpen && !now.archivedAt) throw new BerthError('conflict', 'This classroom is full.');
    throw new BerthError('not_found', NOT_FOUND);
  }
  try {
    const resumeCode = newAccessCode(RESUME_CODE_LENGTH);
    const user = await db().user.create({
      data: { name, classroomId: classroom.id, resumeCodeHash: hashResumeCode(resumeCode) },
    });
    const token = await createSession(user.id, LEARNER_SESSION_MS);
    // The instructor's grid gains a row at once.
    await publishClassroomEvent(classroom.id, { type: 'learner', learnerId: user.id, name });
    return { ...toLearnerClassroom(classroom), user: toSessionUser(user), token, resumeCode };
  } catch (e) {
    // Give the seat back: the learner was not created.
    await db().classroom.update({ where: { id: classroom.id }, data: { learnerCount: { decrement: 1 } } });
    throw e;
  }
}
