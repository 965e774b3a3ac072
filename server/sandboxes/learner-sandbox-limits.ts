import { config } from '../config.ts';
import { db } from '../db/client.ts';

// What a learner's new sandbox gets from their classroom, if they joined one: its time limit (else the
// host's), and — for one of the class's lessons — the sandboxes pre-warmed for it (classroom-prewarm.ts).
export async function learnerSandboxLimits(
  userId: string,
  lessonId: string,
): Promise<{ ttlMs: number; classroomId?: string }> {
  const hostMinutes = config().BERTH_SANDBOX_TTL_MINUTES;
  const me = await db().user.findUnique({ where: { id: userId }, select: { classroom: true } });
  const classroom = me?.classroom;
  if (!classroom) return { ttlMs: hostMinutes * 60_000 };
  // Never longer than the host's, even if the host's limit was lowered after the classroom was made.
  const minutes = Math.min(classroom.sandboxMinutes ?? hostMinutes, hostMinutes);
  const lessons: string[] = JSON.parse(classroom.lessonIds);
  return {
    ttlMs: minutes * 60_000,
    ...(lessons.includes(lessonId) && !classroom.archivedAt ? { classroomId: classroom.id } : {}),
  };
}
