import { userRoute } from '@/server/http/api-route.ts';
import { getProgress } from '@/server/progress/get-progress.ts';

export const dynamic = 'force-dynamic';

// GET /api/progress: the current user's results per exercise.
export const GET = userRoute(undefined, async ({ user }) => Response.json(await getProgress(user)));
