import { publicRoute } from '@/server/http/api-route.ts';
import { lessonEventsStream } from '@/server/lessons/lesson-events-stream.ts';

export const dynamic = 'force-dynamic';

// GET /api/dev/lesson-events?lesson=&stamp=: outside production, server-sent events when that lesson changes.
export const GET = publicRoute(undefined, async ({ req }) =>
  lessonEventsStream(new URL(req.url).searchParams, req.signal),
);
