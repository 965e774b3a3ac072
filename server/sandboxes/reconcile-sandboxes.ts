import { agentApi } from '../agents/agent-client.ts';
import { listAgents } from '../agents/agent-registry.ts';
import { db } from '../db/client.ts';
import { transitionSandbox } from './sandbox-state.ts';

// The agents are the truth about containers: a sandbox the database thinks is live but its agent no
// longer has is reported stopped; one the agent marks failed (e.g. a node died) is reported failed.
export async function reconcileSandboxes(): Promise<void> {
  for (const agent of listAgents()) {
    const onAgent = await agentApi.listSandboxes(agent).catch(() => undefined);
    if (!onAgent) continue; // agent unreachable: leave rows alone, it may come back and re-adopt
    const byId = new Map(onAgent.map((s) => [s.id, s]));
    const rows = await db().sandbox.findMany({ where: { agentId: agent.id, state: 'ready' } });
    for (const row of rows) {
      const s = byId.get(row.id);
      if (!s) await transitionSandbox(row.id, 'stopped', 'the sandbox is gone from its host');
      else if (s.state === 'failed')
        await transitionSandbox(row.id, 'failed', s.failureReason ?? 'a node stopped');
    }
  }
}
