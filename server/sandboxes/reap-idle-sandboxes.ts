import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { stopSandbox } from './stop-sandbox.ts';
import { POOL_USER_ID } from './warm-pool.ts';

// Sandboxes nobody typed into or checked for BERTH_SANDBOX_IDLE_MINUTES are stopped.
export async function reapIdleSandboxes(now = new Date()): Promise<string[]> {
  const cutoff = new Date(now.getTime() - config().BERTH_SANDBOX_IDLE_MINUTES * 60_000);
  const idle = await db().sandbox.findMany({
    where: { state: 'ready', lastActiveAt: { lt: cutoff }, userId: { not: POOL_USER_ID } },
    select: { id: true },
  });
  for (const { id } of idle) await stopSandbox(id, 'stopped after being idle').catch(() => {});
  return idle.map((s: { id: string }) => s.id);
}
