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
  let open = true;
  let stop = () => {};
  const end = () => {
    if (!open) return;
    open = false;
    stop();
  };
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (text: string) => {
        if (open) controller.enqueue(encoder.encode(text));
      };
      signal.addEventListener('abort', () => {
        const wasOpen = open;
        end();
        // Not after a cancel: closing a cancelled stream throws, and a throw here would be uncaught.
        if (wasOpen) controller.close();
      });
      send(': connected\n\n');
      const unsubscribe = await subscribeClassroomEvents(classroomId, (e) => {
        if (visible(e)) send(classroomEventMessage(e));
      });
      const ping = setInterval(() => send(': ping\n\n'), PING_EVERY_MS);
      stop = () => {
        clearInterval(ping);
        unsubscribe();
      };
      // Gone while subscribing (cancelled, or aborted before the listener was there): let go at once.
      if (!open || signal.aborted) {
        if (open) controller.close();
        open = false;
        return void stop();
      }
      if (role === 'learner') {
        const state = await learnerTerminalState(user.id).catch(() => []);
        for (const e of state) send(classroomEventMessage(e));
      }
      // Subscribed: from here on nothing published is missed (a client may wait for this line).
      send(': ready\n\n');
    },
    cancel: end,
  });
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-accel-buffering': 'no',
    },
  });
}
