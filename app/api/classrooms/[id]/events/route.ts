import { classroomEventStream } from '@/server/classrooms/classroom-event-stream.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/classrooms/:id/events: live classroom events (SSE); all to its instructor, a learner's own share
// to a learner of it, 404 to anyone else.
export const GET = userRoute(undefined, async ({ user, params, req }) =>
  classroomEventStream(user, params.id!, req.signal),
);
