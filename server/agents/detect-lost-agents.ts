import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { LIVE_STATES, transitionSandbox } from '../sandboxes/sandbox-state.ts';

// What the learner reads when the worker host under their sandbox disappears.
export const LOST_AGENT_REASON = 'The host running your sandbox stopped responding; start a new one.';

// Repeating job (detect-lost-agents): an agent silent for longer than BERTH_AGENT_TIMEOUT_MS is lost,
// and its live sandboxes become failed with a reason the learner can act on. If it comes back, the
// reconcile job removes those sandboxes from it (record-heartbeat.ts) — they are never resurrected.
export async function detectLostAgents(now = new Date()): Promise<{ lost: string[]; failed: string[] }> {
  const timeoutMs = config().BERTH_AGENT_TIMEOUT_MS;
  // Right after the control plane (re)starts every heartbeat looks old because nobody was listening:
  // give the agents one full timeout to be heard before judging them.
  if (process.uptime() * 1000 < timeoutMs) return { lost: [], failed: [] };
  const cutoff = new Date(now.getTime() - timeoutMs);
  const silent = await db().agent.findMany({ where: { lastHeartbeatAt: { lt: cutoff } } });
  const lost: string[] = [];
  const failed: string[] = [];
  for (const agent of silent) {
    // Conditional, so a heartbeat that lands meanwhile wins.
    const { count } = await db().agent.updateMany({
      where: { id: agent.id, lostAt: null, lastHeartbeatAt: { lt: cutoff } },
      data: { lostAt: now },
    });
    if (count === 1) {
      lost.push(agent.id);
      console.warn(`[agents] ${agent.id} lost: no heartbeat since ${agent.lastHeartbeatAt.toISOString()}`);
    }
    // Every run, not only the first: a sandbox placed on the agent just before it went silent too.
    const live = await db().sandbox.findMany({
      where: { agentId: agent.id, state: { in: LIVE_STATES } },
      select: { id: true },
    });
    for (const s of live) if (await transitionSandbox(s.id, 'failed', LOST_AGENT_REASON)) failed.push(s.id);
  }
  return { lost, failed };
}
