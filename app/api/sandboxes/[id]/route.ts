import { sandboxWaitQuerySchema } from '@/contract/public-api.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { validationError } from '@/server/http/error-response.ts';
import { awaitSandboxStart } from '@/server/sandboxes/await-sandbox-start.ts';
import { getSandboxOrThrow } from '@/server/sandboxes/get-sandbox-or-throw.ts';
import { toSandboxView } from '@/server/sandboxes/sandbox-view.ts';
import { stopSandbox } from '@/server/sandboxes/stop-sandbox.ts';

export const dynamic = 'force-dynamic';

// GET /api/sandboxes/:id[?waitMs=N]: state of one of the user's sandboxes, or of a learner's to the
// instructor of their classroom, who may look but not act (404 for anyone else); with waitMs, a starting
// sandbox is answered when it is ready (or failed), or after N ms.
export const GET = userRoute(undefined, async ({ user, params, req }) => {
  const q = sandboxWaitQuerySchema.safeParse({
    waitMs: new URL(req.url).searchParams.get('waitMs') ?? undefined,
  });
  if (!q.success) throw validationError(q.error.issues);
  return Response.json(
    toSandboxView(await awaitSandboxStart(user, params.id ?? '', q.data.waitMs, req.signal)),
  );
});

// DELETE /api/sandboxes/:id: stops it and removes its containers, network and disk.
export const DELETE = userRoute(undefined, async ({ user, params }) => {
  const row = await getSandboxOrThrow(user, params.id ?? '');
  await stopSandbox(row.id, 'stopped by its owner');
  return Response.json(toSandboxView(await getSandboxOrThrow(user, row.id)));
});
