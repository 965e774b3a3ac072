import type { Attempts } from '../../contract/classrooms.ts';
import { classroomAccess, learnerOfClassroom } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { runTaskCounts } from './exercise-cell.ts';

export const ATTEMPTS_SHOWN = 200;

// One learner's check runs, newest first, for the classroom's instructor: what they tried and how far it got.
export async function learnerAttempts(
  user: SessionUser,
  classroomId: string,
  learnerId: string,
): Promise<Attempts> {
  const { classroom } = await classroomAccess(user, classroomId, ['instructor']);
  const learner = await learnerOfClassroom(classroom, learnerId);
  const runs = await db().checkRun.findMany({
    where: { userId: learner.id },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: ATTEMPTS_SHOWN,
    select: { exerciseId: true, createdAt: true, passed: true, tasks: true },
  });
  return {
    attempts: runs.map((r) => {
      const tasks = runTaskCounts(r.tasks);
      return {
        exerciseId: r.exerciseId,
        at: r.createdAt.toISOString(),
        passed: r.passed,
        tasksPassed: tasks.passed,
        tasksTotal: tasks.total,
      };
    }),
  };
}
