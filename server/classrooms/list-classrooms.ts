import type { ClassroomView } from '../../contract/classrooms.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { toClassroomView } from './classroom-view.ts';

export async function listClassrooms(instructor: SessionUser): Promise<ClassroomView[]> {
  const rows = await db().classroom.findMany({
    where: { instructorId: instructor.id },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map(toClassroomView);
}
