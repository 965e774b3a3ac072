import type { ClassroomEvent } from '../../contract/classrooms.ts';
import { db } from '../db/client.ts';
import { watcherCount } from './terminal-watchers.ts';

// The present watch and typing state of a learner's live sandbox, as the events that would have told it: what
// a learner's event stream starts with, so a page opened while an instructor watches shows it at once.
export async function learnerTerminalState(learnerId: string): Promise<ClassroomEvent[]> {
  const sandbox = await db().sandbox.findUnique({
    where: { liveUserId: learnerId },
    select: { id: true, instructorTyping: true },
  });
  if (!sandbox) return [];
  return [
    { type: 'watch', learnerId, sandboxId: sandbox.id, watching: await watcherCount(sandbox.id) },
    { type: 'typing', learnerId, sandboxId: sandbox.id, allowed: sandbox.instructorTyping },
  ];
}
