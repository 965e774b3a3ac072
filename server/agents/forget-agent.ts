import { BerthError } from '../../contract/errors.ts';
import { db } from '../db/client.ts';
import { LIVE_STATES } from '../sandboxes/sandbox-state.ts';
import { isLive } from './agent-registry.ts';

// Removes a switched-off host from the registry. Refused while it still heartbeats (it would register
// again at once) or still has live sandboxes. Its ended sandbox rows stay for history.
export async function forgetAgent(id: string): Promise<void> {
  const row = await db().agent.findUnique({ where: { id } });
  if (!row) throw new BerthError('not_found', `No registered agent "${id}".`);
  if (isLive(row)) throw new BerthError('conflict', `Agent "${id}" is still running; stop it first.`);
  const live = await db().sandbox.count({ where: { agentId: id, state: { in: LIVE_STATES } } });
  if (live > 0) throw new BerthError('conflict', `Agent "${id}" still has ${live} live sandbox(es).`);
  await db().agent.delete({ where: { id } });
}
