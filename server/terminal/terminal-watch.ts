import { randomUUID } from 'node:crypto';
import type { ClientFrame, ServerFrame } from '../../contract/terminal-frames.ts';
import { publishClassroomEvent } from '../classrooms/classroom-events.ts';
import { db } from '../db/client.ts';
import { addWatcher, removeWatcher, WATCH_LEASE_MS } from './terminal-watchers.ts';

// Watch mode of /ws/terminal (`watch=1`): the instructor of the owner's classroom (or the owner, as a
// read-only view of their own) gets the same output with replay. What the watcher sends is gated here:
// input only while the owner allows the instructor to type (read per frame, so a revoke holds from the
// next keystroke), resizes never (the learner's size wins). Instructor watchers are counted in Redis and
// the count goes to the owner's classroom as `watch` events, so the learner sees they are watched.

const READ_ONLY: ServerFrame = {
  type: 'error',
  code: 'read_only',
  message: 'Read-only: the learner has not allowed the instructor to type in this terminal.',
};

export interface WatchGate {
  /** Whether the frame may go on to the shell; `refuse` is called with the answer when it may not. */
  admit(frame: ClientFrame, refuse: (f: ServerFrame) => void): Promise<boolean>;
  close(): void;
}

export function startWatch(sandbox: { id: string; userId: string }, watcherId: string): WatchGate {
  const counted = watcherId !== sandbox.userId;
  const connection = randomUUID();
  let closed = false;
  const tell = (watching: number) => publishWatching(sandbox, watching);
  const renew = () => addWatcher(sandbox.id, connection);
  // Told when a watcher comes and goes; the lease renewals in between change nothing the learner sees.
  if (counted)
    void renew().then(
      (n) => (closed ? undefined : tell(n)),
      () => {},
    );
  const lease = counted ? setInterval(() => void renew().catch(() => {}), WATCH_LEASE_MS / 3) : undefined;
  return {
    async admit(frame, refuse) {
      if (frame.type === 'resize') return false;
      if (frame.type !== 'input') return true;
      const row = await db().sandbox.findUnique({
        where: { id: sandbox.id },
        select: { instructorTyping: true },
      });
      if (row?.instructorTyping) return true;
      refuse(READ_ONLY);
      return false;
    },
    close() {
      if (closed) return;
      closed = true;
      clearInterval(lease);
      if (counted) void removeWatcher(sandbox.id, connection).then(tell, () => {});
    },
  };
}

// Never rejects: it runs detached from the socket, and a lost count event must not take the process down.
async function publishWatching(sandbox: { id: string; userId: string }, watching: number): Promise<void> {
  try {
    const owner = await db().user.findUnique({
      where: { id: sandbox.userId },
      select: { classroomId: true },
    });
    if (!owner?.classroomId) return;
    await publishClassroomEvent(owner.classroomId, {
      type: 'watch',
      learnerId: sandbox.userId,
      sandboxId: sandbox.id,
      watching,
    });
  } catch (e) {
    console.error('[terminal] watch event not published:', e);
  }
}
