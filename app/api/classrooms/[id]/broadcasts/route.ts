import { broadcastBodySchema } from '@/contract/classrooms.ts';
import { listBroadcasts } from '@/server/classrooms/list-broadcasts.ts';
import { sendBroadcast } from '@/server/classrooms/send-broadcast.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// POST /api/classrooms/:id/broadcasts {message}: the instructor's message to the whole class (anyone else 404).
export const POST = userRoute(broadcastBodySchema, async ({ user, params, body }) =>
  Response.json(await sendBroadcast(user, params.id!, body.message), { status: 201 }),
);

// GET /api/classrooms/:id/broadcasts: the newest 20, to its instructor and its learners.
export const GET = userRoute(undefined, async ({ user, params }) =>
  Response.json({ broadcasts: await listBroadcasts(user, params.id!) }),
);
