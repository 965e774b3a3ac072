import { agentApi } from '../agents/agent-client.ts';
import { agentById } from '../agents/agent-registry.ts';
import { db } from '../db/client.ts';
import { cancelExpiry } from '../queues/sandbox-queue.ts';
import { transitionSandbox } from './sandbox-state.ts';

// stopping → (agent removes containers, network, disk) → stopped. Safe to call twice.
export async function stopSandbox(sandboxId: string, reason?: string): Promise<void> {
  const row = await db().sandbox.findUnique({ where: { id: sandboxId } });
  if (!row || row.state === 'stopped') return;
  await transitionSandbox(sandboxId, 'stopping', reason);
  await agentApi.removeSandbox(agentById(row.agentId), sandboxId);
  await transitionSandbox(sandboxId, 'stopped', reason);
  await cancelExpiry(sandboxId);
}
