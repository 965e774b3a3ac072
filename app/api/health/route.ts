import { getHealth } from '@/server/health/get-health.ts';
import { publicRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/health: database, redis and sandbox hosts at a glance (503 when the database is down).
export const GET = publicRoute(undefined, async () => {
  const health = await getHealth();
  return Response.json(health, { status: health.db === 'ok' ? 200 : 503 });
});
