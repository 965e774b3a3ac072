import { BerthError } from '@/contract/errors.ts';
import { publicRoute } from '@/server/http/api-route.ts';
import { isDevMode, LESSON_RELOAD_SCRIPT } from '@/server/lessons/lesson-events-stream.ts';

export const dynamic = 'force-dynamic';

// GET /api/dev/lesson-reload: outside production, the script a lesson page loads to reload on edits.
export const GET = publicRoute(undefined, async () => {
  if (!isDevMode()) throw new BerthError('not_found', 'Lesson reloading exists only outside production.');
  return new Response(LESSON_RELOAD_SCRIPT, {
    headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' },
  });
});
