import { JOIN_CODE_LENGTH } from '../../contract/classrooms.ts';
import { BerthError } from '../../contract/errors.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { loadCourse } from '../lessons/load-course.ts';
import { newAccessCode } from './access-code.ts';
import { checkSandboxMinutes } from './sandbox-minutes.ts';

// A classroom of the instructor's, for lessons of the course, with a fresh join code.
export async function createClassroom(
  instructor: SessionUser,
  input: { title: string; lessonIds: string[]; learnerCap?: number; sandboxMinutes?: number },
): Promise<{ id: string; joinCode: string }> {
  checkSandboxMinutes(input.sandboxMinutes);
  const course = await loadCourse();
  const unknown = input.lessonIds.filter((id) => !course.lessons.has(id));
  if (unknown.length)
    throw new BerthError('validation_failed', `lessonIds: no such lesson: ${unknown.join(', ')}`);
  const lessonIds = [...new Set(input.lessonIds)];
  // A collision of two ~49-bit codes is next to impossible; retrying keeps it from ever being an error.
  for (let attempt = 0; ; attempt++) {
    try {
      const c = await db().classroom.create({
        data: {
          title: input.title,
          instructorId: instructor.id,
          lessonIds: JSON.stringify(lessonIds),
          joinCode: newAccessCode(JOIN_CODE_LENGTH),
          learnerCap: input.learnerCap ?? null,
          sandboxMinutes: input.sandboxMinutes ?? null,
        },
      });
      return { id: c.id, joinCode: c.joinCode };
    } catch (e) {
      if (attempt < 3 && isUniqueViolation(e)) continue;
      throw e;
    }
  }
}
