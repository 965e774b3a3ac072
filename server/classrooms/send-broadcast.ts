import type { Broadcast } from '../../contract/classrooms.ts';
import { classroomAccess } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { publishClassroomEvent } from './classroom-events.ts';

// The instructor's message to the whole class: stored (a page opened later lists the recent ones) and sent to
// every open page of the classroom. Stored as typed; pages show it as text.
export async function sendBroadcast(
  user: SessionUser,
  classroomId: string,
  message: string,
): Promise<Broadcast> {
  await classroomAccess(user, classroomId, ['instructor']);
  const row = await db().broadcast.create({ data: { classroomId, message } });
  const broadcast = { id: row.id, message: row.message, at: row.createdAt.toISOString() };
  await publishClassroomEvent(classroomId, { type: 'broadcast', ...broadcast });
  return broadcast;
}
