import { BerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';
import { watchLessonFiles } from './watch-lesson-files.ts';

// Outside production: a server-sent event `change` (data: the lesson or chapter id) each time lesson files
// change on disk, until the page goes away. Production has no such endpoint (404).
const HEARTBEAT_MS = 25_000;

export function isDevMode(): boolean {
  return process.env.NODE_ENV !== 'production';
}

export function lessonEventsStream(signal: AbortSignal): Response {
  if (!isDevMode()) throw new BerthError('not_found', 'Lesson events exist only outside production.');
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      send(': watching lesson files\n\n');
      const unwatch = watchLessonFiles(config().BERTH_LESSONS_DIR, (change) =>
        send(`event: change\ndata: ${JSON.stringify(change)}\n\n`),
      );
      const heartbeat = setInterval(() => send(': still here\n\n'), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unwatch();
      };
      signal.addEventListener('abort', () => {
        cleanup();
        controller.close();
      });
    },
    cancel: () => cleanup(),
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
  });
}

// The page's side, served as a script (no weight in production bundles): one EventSource per tab; a
// change to the open lesson, or to its chapter, reloads the page.
export const LESSON_RELOAD_SCRIPT = `(() => {
  if (window.berthLessonEvents) return;
  const events = new EventSource('/api/dev/lesson-events');
  window.berthLessonEvents = events;
  events.addEventListener('change', (e) => {
    const open = /^\\/lessons\\/([^/]+)\\/([^/?#]+)/.exec(location.pathname);
    const changed = JSON.parse(e.data);
    if (open && (changed === open[1] + '/' + open[2] || changed === open[1])) location.reload();
  });
})();
`;
