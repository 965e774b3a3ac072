import { learnerAttempts } from '@/server/classrooms/learner-attempts.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/classrooms/:id/learners/:learnerId/attempts: one learner's check runs, newest first, to the
// classroom's instructor (anyone else 404).
export const GET = userRoute(undefined, async ({ user, params }) =>
  Response.json(await learnerAttempts(user, params.id!, params.learnerId!)),
);
