import { z } from 'zod';
import type { ClassroomLiveProgress, ExerciseCell } from '../../contract/classrooms.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { loadCourse } from '../lessons/load-course.ts';
import { addRun, emptyCell } from './exercise-cell.ts';
import { learnersLive } from './learner-live.ts';
import { getOwnedClassroom } from './owned-classroom.ts';

// Learners × the exercises of the classroom's lessons, from the check runs: passed once means passed, the
// most tasks one run passed, every attempt counted, the first passing run's time; with each learner's live
// fields (server/classrooms/learner-live.ts). Instructor only.
export async function getClassroomProgress(
  user: SessionUser,
  classroomId: string,
): Promise<ClassroomLiveProgress> {
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
  const live = await learnersLive(
    learners.map((l) => l.id),
    runs,
  );
  const cells = new Map<string, ExerciseCell>();
  for (const l of learners)
    for (const e of exercises) cells.set(`${l.id} ${e.id}`, emptyCell(e.tasks.length));
  for (const r of runs) {
    const cell = cells.get(`${r.userId} ${r.exerciseId}`);
    if (cell) addRun(cell, r);
  }
  return {
    learners: learners.map((l) => ({
      id: l.id,
      name: l.name,
      exercises: Object.fromEntries(exercises.map((e) => [e.id, cells.get(`${l.id} ${e.id}`)!])),
      ...live.get(l.id)!,
    })),
  };
}
