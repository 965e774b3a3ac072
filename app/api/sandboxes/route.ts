import { z } from 'zod';
import { lessonIdSchema } from '@/contract/ids.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { startSandbox } from '@/server/sandboxes/start-sandbox.ts';

const body = z.object({ lessonId: lessonIdSchema });

// POST /api/sandboxes {lessonId}: the user's one live sandbox (201 when new, 200 when it already existed).
export const POST = userRoute(body, async ({ user, body }) => {
  const { sandbox, created } = await startSandbox(user, body.lessonId);
  return Response.json(sandbox, { status: created ? 201 : 200 });
});
