import { z } from 'zod';
import { BerthError } from '../../contract/errors.ts';
import { lessonIdSchema } from '../../contract/ids.ts';
import { config } from '../config.ts';
import { lessonStamp } from './lesson-stamp.ts';
import { watchLessonFiles } from './watch-lesson-files.ts';

// Outside production: a server-sent event `change` each time the files of one lesson (or its chapter.yaml)
// change on disk, until the page goes away; right away when they changed since the page was rendered
// (its stamp), so an edit saved while the page was loading is not missed. Production has no such endpoint.
const HEARTBEAT_MS = 25_000;

export function isDevMode(): boolean {
  return process.env.NODE_ENV !== 'production';
}

export const lessonEventsQuerySchema = z.object({ lesson: lessonIdSchema, stamp: z.string().max(64) });

export function lessonEventsStream(query: URLSearchParams, signal: AbortSignal): Response {
  if (!isDevMode()) throw new BerthError('not_found', 'Lesson events exist only outside production.');
  const parsed = lessonEventsQuerySchema.safeParse(Object.fromEntries(query));
  if (!parsed.success) throw new BerthError('bad_request', 'expected ?lesson=<chapter>/<lesson>&stamp=');
  const { lesson, stamp } = parsed.data;
  const dir = config().BERTH_LESSONS_DIR;
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => controller.enqueue(encoder.encode(text));
      const changed = () => send('event: change\ndata: {}\n\n');
      send(': watching lesson files\n\n');
      const unwatch = watchLessonFiles(dir, (change) => {
        if (change === lesson || change === lesson.split('/')[0]) changed();
      });
      void lessonStamp(dir, lesson).then((now) => now !== stamp && changed());
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

/** The script an open lesson page loads outside production; its URL names the lesson and its stamp. */
export async function lessonReloadSrc(lessonId: string): Promise<string> {
  const stamp = await lessonStamp(config().BERTH_LESSONS_DIR, lessonId);
  return `/api/dev/lesson-reload?${new URLSearchParams({ lesson: lessonId, stamp })}`;
}

// The page's side, served as a script (no weight in production bundles): one EventSource per page; a
// change reloads the page if it still shows that lesson.
export const LESSON_RELOAD_SCRIPT = `(() => {
  const query = new URL(document.currentScript.src).search;
  const lesson = new URLSearchParams(query).get('lesson');
  window.berthLessonEvents?.close();
  const events = new EventSource('/api/dev/lesson-events' + query);
  window.berthLessonEvents = events;
  events.addEventListener('change', () => {
    if (location.pathname === '/lessons/' + lesson) location.reload();
    else events.close();
  });
})();
`;
