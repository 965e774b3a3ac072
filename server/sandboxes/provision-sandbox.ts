import { isBerthError } from '../../contract/errors.ts';
import { agentApi } from '../agents/agent-client.ts';
import { agentById } from '../agents/agent-registry.ts';
import { db } from '../db/client.ts';
import { transitionSandbox } from './sandbox-state.ts';

// Worker side of POST /api/sandboxes: asks the chosen agent for the containers (idempotent on retry).
export async function provisionSandbox(sandboxId: string, finalAttempt: boolean): Promise<void> {
  const row = await db().sandbox.findUnique({ where: { id: sandboxId } });
  if (row?.state !== 'starting') return;
  try {
    const agent = await agentById(row.agentId);
    await agentApi.createSandbox(agent, {
      id: row.id,
      owner: row.userId,
      nodes: JSON.parse(row.nodes),
      expiresAt: row.expiresAt,
    });
    const became = await transitionSandbox(sandboxId, 'ready');
    // Deleted while we were creating it: do not leave containers behind.
    if (!became) await agentApi.removeSandbox(agent, sandboxId).catch(() => {});
  } catch (e) {
    const message = isBerthError(e) ? e.message : 'the sandbox could not be started';
    if (finalAttempt || (isBerthError(e) && e.code === 'out_of_capacity')) {
      await transitionSandbox(sandboxId, 'failed', message);
      return;
    }
    throw e;
  }
}
