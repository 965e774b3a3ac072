import { agentApi } from '../agents/agent-client.ts';
import { listAgents } from '../agents/agent-registry.ts';
import { db } from '../db/client.ts';
import { healthRedis } from '../queues/sandbox-queue.ts';

export interface Health {
  status: 'ok' | 'degraded';
  db: 'ok' | 'down';
  redis: 'ok' | 'down';
  agents: { id: string; sandboxes: number; capacity: number; status: 'ok' | 'down' }[];
}

// Each dependency is probed with a short timeout so health never hangs.
export async function getHealth(): Promise<Health> {
  const within = <T>(p: Promise<T>, ms = 2000) =>
    Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), ms))]);
  const [dbOk, redisOk, agents] = await Promise.all([
    within(db().$queryRawUnsafe('SELECT 1')).then(
      () => true,
      () => false,
    ),
    within(healthRedis().ping()).then(
      () => true,
      () => false,
    ),
    Promise.all(
      listAgents().map((a) =>
        agentApi.info(a).then(
          (i) => ({ id: i.id, sandboxes: i.sandboxes, capacity: i.capacity, status: 'ok' as const }),
          () => ({ id: a.id, sandboxes: 0, capacity: 0, status: 'down' as const }),
        ),
      ),
    ),
  ]);
  const allOk = dbOk && redisOk && agents.every((a) => a.status === 'ok');
  return {
    status: allOk ? 'ok' : 'degraded',
    db: dbOk ? 'ok' : 'down',
    redis: redisOk ? 'ok' : 'down',
    agents,
  };
}
