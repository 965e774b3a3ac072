import { type ClassroomEvent, classroomEventMessage, learnerMaySee } from '../../contract/classrooms.ts';
import { classroomAccess } from '../auth/access.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { learnerTerminalState } from '../terminal/learner-terminal-state.ts';
import { subscribeClassroomEvents } from './classroom-events.ts';

// GET /api/classrooms/:id/events: the classroom's live events as server-sent events until the client goes.
// Its instructor gets every event; a learner of it gets broadcasts and the hand/typing/watch events about
// themselves, and on connecting the present watch and typing state of their live sandbox (a page opened
// later shows it too). Anyone else: 404 before any stream starts.
export const PING_EVERY_MS = 15_000;

export async function classroomEventStream(
  user: SessionUser,
  classroomId: string,
  signal: AbortSignal,
): Promise<Response> {
  const { role } = await classroomAccess(user, classroomId, ['instructor', 'learner']);
  const visible = (e: ClassroomEvent) => role === 'instructor' || learnerMaySee(e, user.id);
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const send = (text: string) => open && controller.enqueue(encoder.encode(text));
      send(': connected\n\n');
      const unsubscribe = await subscribeClassroomEvents(classroomId, (e) => {
        if (visible(e)) send(classroomEventMessage(e));
      });
      const ping = setInterval(() => send(': ping\n\n'), PING_EVERY_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(ping);
        unsubscribe();
      };
      if (signal.aborted) return void cleanup();
      signal.addEventListener('abort', () => {
        cleanup();
        controller.close();
      });
      if (role === 'learner')
        for (const e of await learnerTerminalState(user.id)) send(classroomEventMessage(e));
      // Subscribed: from here on nothing published is missed (a client may wait for this line).
      send(': ready\n\n');
    },
    cancel: () => cleanup(),
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    },
  });
}
