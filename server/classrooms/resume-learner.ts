import { BerthError } from '../../contract/errors.ts';
import { type SessionUser, toSessionUser } from '../auth/create-guest-session.ts';
import { createSession } from '../auth/create-session.ts';
import { db } from '../db/client.ts';
import { hitRateLimit } from '../rate-limit/rate-limiter.ts';
import { hashResumeCode } from './access-code.ts';
import { joinLimit, LEARNER_SESSION_MS } from './classroom-limits.ts';
import { type LearnerClassroom, toLearnerClassroom } from './learner-classroom.ts';

// A learner comes back (another device, cookies cleared) with their resume code: a new session for the same
// learner, so their progress follows. Works after joining closed; not once the classroom is archived.
export async function resumeLearner(
  resumeCode: string,
  address: string,
): Promise<LearnerClassroom & { user: SessionUser; token: string }> {
  await hitRateLimit(joinLimit(), address);
  const user = await db().user.findUnique({
    where: { resumeCodeHash: hashResumeCode(resumeCode) },
    include: { classroom: true },
  });
  if (!user?.classroom || user.classroom.archivedAt)
    throw new BerthError('not_found', 'This resume code is unknown, or its classroom has ended.');
  const token = await createSession(user.id, LEARNER_SESSION_MS);
  return { ...toLearnerClassroom(user.classroom), user: toSessionUser(user), token };
}
