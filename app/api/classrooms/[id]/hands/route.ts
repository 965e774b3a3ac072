import { listHands } from '@/server/classrooms/list-hands.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/classrooms/:id/hands: the help queue, oldest first, to the classroom's instructor (anyone else 404).
export const GET = userRoute(undefined, async ({ user, params }) =>
  Response.json(await listHands(user, params.id!)),
);
