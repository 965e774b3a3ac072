import { getClassroomProgress } from '@/server/classrooms/classroom-progress.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/classrooms/:id/progress: learners × exercises, to the classroom's instructor only (anyone else 404).
export const GET = userRoute(undefined, async ({ user, params }) =>
  Response.json(await getClassroomProgress(user, params.id!)),
);
