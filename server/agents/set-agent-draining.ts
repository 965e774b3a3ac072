import { BerthError } from '../../contract/errors.ts';
import { db } from '../db/client.ts';

// Drain: no new sandboxes (nor warm-pool hand-overs) on this agent; its sandboxes run until they end.
export async function setAgentDraining(id: string, draining: boolean): Promise<void> {
  const { count } = await db().agent.updateMany({ where: { id }, data: { draining } });
  if (count !== 1) throw new BerthError('not_found', `No registered agent "${id}".`);
}
