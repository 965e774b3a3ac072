import { lowerHand } from '@/server/classrooms/lower-hand.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// DELETE /api/classrooms/:id/hands/:learnerId: the classroom's instructor resolves a learner's raised hand.
export const DELETE = userRoute(undefined, async ({ user, params }) => {
  await lowerHand(user, params.id!, params.learnerId!);
  return Response.json({ raised: false });
});
