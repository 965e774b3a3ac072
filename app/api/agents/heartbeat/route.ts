import { agentHeartbeatBody } from '@/sandbox-agent/src/registration/heartbeat-schema.ts';
import { recordHeartbeat } from '@/server/agents/record-heartbeat.ts';
import { agentRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// POST /api/agents/heartbeat: a sandbox agent registers and reports capacity and load (agent token).
export const POST = agentRoute(agentHeartbeatBody, async ({ body }) =>
  Response.json(await recordHeartbeat(body)),
);
