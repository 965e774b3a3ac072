import { userRoute } from '@/server/http/api-route.ts';
import { getSandboxOrThrow } from '@/server/sandboxes/get-sandbox-or-throw.ts';
import { toSandboxView } from '@/server/sandboxes/sandbox-view.ts';
import { stopSandbox } from '@/server/sandboxes/stop-sandbox.ts';

export const dynamic = 'force-dynamic';

// GET /api/sandboxes/:id: state of one of the user's sandboxes, or of a learner's to the instructor of their
// classroom, who may look but not act (404 for anyone else).
export const GET = userRoute(undefined, async ({ user, params }) =>
  Response.json(toSandboxView(await getSandboxOrThrow(user, params.id ?? '', { watch: true }))),
);

// DELETE /api/sandboxes/:id: stops it and removes its containers, network and disk.
export const DELETE = userRoute(undefined, async ({ user, params }) => {
  const row = await getSandboxOrThrow(user, params.id ?? '');
  await stopSandbox(row.id, 'stopped by its owner');
  return Response.json(toSandboxView(await getSandboxOrThrow(user, row.id)));
});
