import { z } from 'zod';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import type { ClassroomOutline } from './classroom-outline.ts';
import { getOwnedClassroom } from './owned-classroom.ts';

// The tasks most learners fail: for each task of the classroom's exercises, of the learners who tried the
// exercise, how many fail that task in their latest attempt (an exercise passed once counts as passed, so
// a learner who passed and then broke their sandbox is not counted). Tasks nobody fails are left out;
// the rest come most-failed first. Instructor only.
export interface TaskFailure {
  exerciseId: string;
  taskId: string;
  failing: number;
  tried: number;
}

// A recorded run's tasks (server/checks/record-check.ts writes them).
const runTasksSchema = z.array(z.object({ id: z.string(), passed: z.boolean() }).loose());

export async function taskFailures(
  user: SessionUser,
  classroomId: string,
  outline: ClassroomOutline,
): Promise<TaskFailure[]> {
  await getOwnedClassroom(user, classroomId);
  const exercises = outline.lessons.flatMap((l) => l.exercises);
  const runs = await db().checkRun.findMany({
    where: { user: { classroomId }, exerciseId: { in: exercises.map((e) => e.id) } },
    orderBy: { createdAt: 'asc' },
    select: { userId: true, exerciseId: true, passed: true, tasks: true },
  });
  // Per learner and exercise: the failed task ids of the latest run, or null once passed.
  const latest = new Map<string, { exerciseId: string; failed: Set<string> | null }>();
  for (const r of runs) {
    const key = `${r.userId} ${r.exerciseId}`;
    if (latest.get(key)?.failed === null) continue;
    const tasks = runTasksSchema.safeParse(JSON.parse(r.tasks));
    const failed = r.passed
      ? null
      : new Set(tasks.success ? tasks.data.filter((t) => !t.passed).map((t) => t.id) : []);
    latest.set(key, { exerciseId: r.exerciseId, failed });
  }
  const failures: TaskFailure[] = [];
  for (const e of exercises) {
    const tries = [...latest.values()].filter((l) => l.exerciseId === e.id);
    for (const t of e.tasks) {
      const failing = tries.filter((l) => l.failed?.has(t.id)).length;
      if (failing > 0) failures.push({ exerciseId: e.id, taskId: t.id, failing, tried: tries.length });
    }
  }
  return failures.sort((a, b) => b.failing - a.failing || b.failing / b.tried - a.failing / a.tried);
}
