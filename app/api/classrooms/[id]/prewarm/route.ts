import { prewarmBodySchema } from '@/contract/classrooms.ts';
import { getPrewarmStatus, prewarmClassroom } from '@/server/classrooms/prewarm-classroom.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/classrooms/:id/prewarm: {requested, ready, starting, claimed}, to the classroom's instructor only.
export const GET = userRoute(undefined, async ({ user, params }) =>
  Response.json(await getPrewarmStatus(user, params.id!)),
);

// POST /api/classrooms/:id/prewarm {count}: hold `count` warm sandboxes for the class (0 releases them).
export const POST = userRoute(prewarmBodySchema, async ({ user, params, body }) =>
  Response.json(await prewarmClassroom(user, params.id!, body.count)),
);
