import type { SessionUser } from '../auth/create-guest-session.ts';
import { publishClassroomEvent } from '../classrooms/classroom-events.ts';
import { db } from '../db/client.ts';
import { getSandboxOrThrow } from './get-sandbox-or-throw.ts';

// The sandbox's owner lets the instructor watching their terminal type in it, or stops them. The terminal
// gateway reads it on every input frame of a watcher, so a revoke holds from the next keystroke. A new
// sandbox (a replaced one) starts with false.
export async function setInstructorTyping(
  user: SessionUser,
  sandboxId: string,
  allowed: boolean,
): Promise<{ allowed: boolean }> {
  const sandbox = await getSandboxOrThrow(user, sandboxId);
  await db().sandbox.update({ where: { id: sandbox.id }, data: { instructorTyping: allowed } });
  const owner = await db().user.findUnique({ where: { id: user.id }, select: { classroomId: true } });
  if (owner?.classroomId)
    await publishClassroomEvent(owner.classroomId, {
      type: 'typing',
      learnerId: user.id,
      sandboxId,
      allowed,
    });
  return { allowed };
}
