import { agentApi } from '../agents/agent-client.ts';
import { findAgent } from '../agents/agent-registry.ts';
import { db } from '../db/client.ts';
import { cancelExpiry } from '../queues/sandbox-queue.ts';
import { transitionSandbox } from './sandbox-state.ts';

// stopping → (agent removes containers, network, disk) → stopped. Safe to call twice.
// A sandbox on a host that is no longer heard from is marked stopped without it; if that host comes
// back, reconciliation removes the sandbox from it.
export async function stopSandbox(sandboxId: string, reason?: string): Promise<void> {
  const row = await db().sandbox.findUnique({ where: { id: sandboxId } });
  if (!row || row.state === 'stopped') return;
  await transitionSandbox(sandboxId, 'stopping', reason);
  const agent = await findAgent(row.agentId);
  if (agent?.live) await agentApi.removeSandbox(agent, sandboxId);
  await transitionSandbox(sandboxId, 'stopped', reason);
  await cancelExpiry(sandboxId);
}
