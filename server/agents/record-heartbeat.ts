import type { AgentHeartbeat, AgentHeartbeatAnswer } from '../../contract/heartbeat.ts';
import { db } from '../db/client.ts';
import { enqueueReconcile, enqueueRefill } from '../queues/sandbox-queue.ts';

// POST /api/agents/heartbeat: registers the agent on its first heartbeat and keeps it live after.
// When an agent (re)starts or comes back after being reported lost, reconcile at once: it re-adopted
// sandboxes the control plane may have failed meanwhile, and those must be removed, not resurrected.
export async function recordHeartbeat(hb: AgentHeartbeat): Promise<AgentHeartbeatAnswer> {
  const now = new Date();
  const before = await db().agent.findUnique({ where: { id: hb.id } });
  const fields = {
    url: hb.url,
    capacity: hb.capacity,
    sandboxes: hb.sandboxes,
    state: hb.state,
    startedAt: hb.startedAt,
    diskState: hb.disk?.state ?? 'ok',
    diskFreeMb: hb.disk?.freeMb ?? null,
    diskWarning: hb.disk?.warning ?? null,
    lastHeartbeatAt: now,
    lostAt: null,
  };
  const row = await db().agent.upsert({
    where: { id: hb.id },
    create: { id: hb.id, ...fields },
    update: fields,
  });
  const restarted = !before || before.startedAt.getTime() !== hb.startedAt.getTime();
  if (restarted || before?.lostAt) {
    console.log(
      `[agents] ${hb.id} ${before?.lostAt ? 'is back after being lost' : before ? 'restarted' : 'registered'} (${hb.url}, capacity ${hb.capacity})`,
    );
    await enqueueReconcile();
    await enqueueRefill();
  }
  if (before && hb.disk && before.diskState !== hb.disk.state) {
    console.warn(
      `[agents] ${hb.id} host disk ${hb.disk.state}${hb.disk.warning ? `: ${hb.disk.warning}` : ''}`,
    );
  }
  return { draining: row.draining };
}
