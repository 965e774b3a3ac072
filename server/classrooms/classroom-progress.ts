import { z } from 'zod';
import type { ClassroomProgress, ExerciseCell } from '../../contract/classrooms.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { loadCourse } from '../lessons/load-course.ts';
import { getOwnedClassroom } from './owned-classroom.ts';

// A recorded run's tasks (server/checks/record-check.ts writes them); only whether each passed counts here.
const runTasksSchema = z.array(z.object({ passed: z.boolean() }).loose());

function tasksPassedIn(tasks: string): number {
  const parsed = runTasksSchema.safeParse(JSON.parse(tasks));
  return parsed.success ? parsed.data.filter((t) => t.passed).length : 0;
}

// Learners × the exercises of the classroom's lessons, from the check runs: passed once means passed, the
// most tasks one run passed, every attempt counted, the first passing run's time. Instructor only.
export async function getClassroomProgress(
  user: SessionUser,
  classroomId: string,
): Promise<ClassroomProgress> {
  const classroom = await getOwnedClassroom(user, classroomId);
  const course = await loadCourse();
  const lessonIds = z.array(z.string()).parse(JSON.parse(classroom.lessonIds));
  const exercises = lessonIds.flatMap((id) => course.lessons.get(id)?.exercises ?? []);
  const learners = await db().user.findMany({
    where: { classroomId },
    orderBy: { createdAt: 'asc' },
    select: { id: true, name: true },
  });
  const runs = await db().checkRun.findMany({
    where: { userId: { in: learners.map((l) => l.id) }, exerciseId: { in: exercises.map((e) => e.id) } },
    orderBy: { createdAt: 'asc' },
    select: { userId: true, exerciseId: true, passed: true, tasks: true, createdAt: true },
  });
  const cells = new Map<string, ExerciseCell>();
  const empty = (tasksTotal: number): ExerciseCell => ({
    passed: false,
    tasksPassed: 0,
    tasksTotal,
    attempts: 0,
    firstPassedAt: null,
  });
  for (const l of learners) for (const e of exercises) cells.set(`${l.id} ${e.id}`, empty(e.tasks.length));
  for (const r of runs) {
    const cell = cells.get(`${r.userId} ${r.exerciseId}`);
    if (!cell) continue;
    cell.attempts += 1;
    cell.tasksPassed = Math.max(cell.tasksPassed, r.passed ? cell.tasksTotal : tasksPassedIn(r.tasks));
    if (r.passed && !cell.passed) cell.firstPassedAt = r.createdAt.toISOString();
    cell.passed ||= r.passed;
  }
  return {
    learners: learners.map((l) => ({
      id: l.id,
      name: l.name,
      exercises: Object.fromEntries(exercises.map((e) => [e.id, cells.get(`${l.id} ${e.id}`)!])),
    })),
  };
}
