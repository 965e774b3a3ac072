import { raiseHandBodySchema } from '@/contract/classrooms.ts';
import { lowerHand } from '@/server/classrooms/lower-hand.ts';
import { raiseHand } from '@/server/classrooms/raise-hand.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// POST /api/classrooms/:id/hand {message?}: a learner of the classroom raises their hand (anyone else 404).
export const POST = userRoute(raiseHandBodySchema, async ({ user, params, body }) => {
  await raiseHand(user, params.id!, body.message);
  return Response.json({ raised: true });
});

// DELETE /api/classrooms/:id/hand: the learner lowers their own hand.
export const DELETE = userRoute(undefined, async ({ user, params }) => {
  await lowerHand(user, params.id!);
  return Response.json({ raised: false });
});
