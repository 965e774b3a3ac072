import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { stopSandbox } from './stop-sandbox.ts';
import { POOL_USER_ID } from './warm-pool.ts';

// Sandboxes nobody typed into or checked for BERTH_SANDBOX_IDLE_MINUTES are stopped. Only stops that
// finished count; a failed one is logged and left `stopping`, which reconciliation retries.
export async function reapIdleSandboxes(now = new Date()): Promise<{ stopped: string[]; failed: string[] }> {
  const cutoff = new Date(now.getTime() - config().BERTH_SANDBOX_IDLE_MINUTES * 60_000);
  const idle = await db().sandbox.findMany({
    where: { state: 'ready', lastActiveAt: { lt: cutoff }, userId: { not: POOL_USER_ID } },
    select: { id: true },
  });
  const stopped: string[] = [];
  const failed: string[] = [];
  for (const { id } of idle) {
    await stopSandbox(id, 'stopped after being idle').then(
      () => stopped.push(id),
      (e: Error) => {
        failed.push(id);
        console.error(`[reap-idle] stopping ${id} failed (retried by reconciliation): ${e.message}`);
      },
    );
  }
  return { stopped, failed };
}
