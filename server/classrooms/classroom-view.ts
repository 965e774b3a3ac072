import { type ClassroomView, classroomSchema } from '../../contract/classrooms.ts';
import type { Classroom } from '../db/client.ts';

export function toClassroomView(c: Classroom): ClassroomView {
  return classroomSchema.parse({
    id: c.id,
    title: c.title,
    lessonIds: JSON.parse(c.lessonIds),
    joinCode: c.joinCode,
    joinOpen: c.joinOpen && !c.archivedAt,
    archived: c.archivedAt !== null,
    learnerCap: c.learnerCap,
    learnerCount: c.learnerCount,
    sandboxMinutes: c.sandboxMinutes,
    createdAt: c.createdAt.toISOString(),
  });
}
