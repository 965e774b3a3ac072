import { agentHeartbeatBody } from '@/contract/heartbeat.ts';
import { recordHeartbeat } from '@/server/agents/record-heartbeat.ts';
import { agentRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// POST /api/agents/heartbeat: a sandbox agent registers and reports capacity and load (agent token).
export const POST = agentRoute(agentHeartbeatBody, async ({ body }) =>
  Response.json(await recordHeartbeat(body)),
);
