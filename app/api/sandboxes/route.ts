import { startSandboxBodySchema } from '@/contract/public-api.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { clientAddress } from '@/server/http/client-address.ts';
import { startSandbox } from '@/server/sandboxes/start-sandbox.ts';

// POST /api/sandboxes {lessonId, onLive?}: the user's one live sandbox (201 when new, 200 when it already
// existed); 409 conflict with that sandbox when `onLive` asks before replacing one of another lesson;
// 429 when this address or learner started too many lately.
export const POST = userRoute(startSandboxBodySchema, async ({ req, user, body }) => {
  const outcome = await startSandbox(user, body.lessonId, body.onLive, clientAddress(req));
  if (outcome.conflict) {
    const { sandbox, reusable } = outcome.conflict;
    const message = reusable
      ? 'You have a live sandbox from another lesson; keep it for this lesson or start a fresh one.'
      : 'You have a live sandbox from another lesson without the nodes this one needs; start a fresh one to replace it.';
    return Response.json({ error: { code: 'conflict', message }, sandbox, reusable }, { status: 409 });
  }
  return Response.json(outcome.sandbox, { status: outcome.created ? 201 : 200 });
});
