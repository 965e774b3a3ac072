import { z } from 'zod';
import { db } from '../db/client.ts';
import { publishClassroomEvent } from './classroom-events.ts';
import { addRun, emptyCell } from './exercise-cell.ts';

// After a check run of a classroom learner is recorded: that learner's cell of the exercise, recomputed from
// the database (so it is the same cell the progress JSON shows), to the classroom's event stream. Only for
// exercises of the classroom's lessons (the grid's columns); guests and other exercises publish nothing.
export async function publishProgress(
  learnerId: string,
  exerciseId: string,
  tasksTotal: number,
): Promise<void> {
  const learner = await db().user.findUnique({
    where: { id: learnerId },
    select: { classroom: { select: { id: true, lessonIds: true } } },
  });
  const classroom = learner?.classroom;
  if (!classroom) return;
  const lessonId = exerciseId.split('/').slice(0, 2).join('/');
  if (!z.array(z.string()).parse(JSON.parse(classroom.lessonIds)).includes(lessonId)) return;
  const runs = await db().checkRun.findMany({
    where: { userId: learnerId, exerciseId },
    orderBy: { createdAt: 'asc' },
    select: { passed: true, tasks: true, createdAt: true },
  });
  const cell = emptyCell(tasksTotal);
  for (const r of runs) addRun(cell, r);
  await publishClassroomEvent(classroom.id, { type: 'progress', learnerId, exerciseId, cell });
}
