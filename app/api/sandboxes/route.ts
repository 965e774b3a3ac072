import { z } from 'zod';
import { userRoute } from '@/server/http/api-route.ts';
import { startSandbox } from '@/server/sandboxes/start-sandbox.ts';

const body = z.object({ lessonId: z.string().min(1).max(200) });

// POST /api/sandboxes {lessonId}: the user's one live sandbox (201 when new, 200 when it already existed).
export const POST = userRoute(body, async ({ user, body }) => {
  const { sandbox, created } = await startSandbox(user, body.lessonId);
  return Response.json(sandbox, { status: created ? 201 : 200 });
});
