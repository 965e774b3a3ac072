import { userRoute } from '@/server/http/api-route.ts';
import { getSandboxOrThrow } from '@/server/sandboxes/get-sandbox-or-throw.ts';
import { toSandboxView } from '@/server/sandboxes/sandbox-view.ts';
import { stopSandbox } from '@/server/sandboxes/stop-sandbox.ts';

export const dynamic = 'force-dynamic';

// GET /api/sandboxes/:id: state of one of the user's sandboxes (404 for anyone else's).
export const GET = userRoute(undefined, async ({ user, params }) =>
  Response.json(toSandboxView(await getSandboxOrThrow(user, params.id ?? ''))),
);

// DELETE /api/sandboxes/:id: stops it and removes its containers, network and disk.
export const DELETE = userRoute(undefined, async ({ user, params }) => {
  const row = await getSandboxOrThrow(user, params.id ?? '');
  await stopSandbox(row.id, 'stopped by its owner');
  return Response.json(toSandboxView(await getSandboxOrThrow(user, row.id)));
});
