import { publicRoute } from '@/server/http/api-route.ts';
import { lessonEventsStream } from '@/server/lessons/lesson-events-stream.ts';

export const dynamic = 'force-dynamic';

// GET /api/dev/lesson-events: outside production, server-sent events naming each lesson whose files changed.
export const GET = publicRoute(undefined, async ({ req }) => lessonEventsStream(req.signal));
