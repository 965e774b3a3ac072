import { agentStatuses } from '../agents/agent-registry.ts';
import { db } from '../db/client.ts';
import { sharedRedis } from '../redis/shared-redis.ts';

export interface Health {
  status: 'ok' | 'degraded';
  db: 'ok' | 'down';
  redis: 'ok' | 'down';
  agents: {
    id: string;
    sandboxes: number;
    capacity: number;
    /** ok = heard from within BERTH_AGENT_TIMEOUT_MS */
    status: 'ok' | 'down';
    draining: boolean;
    /** The host disk: "full" = no new sandbox fits; "critical" = learners' writes may soon fail. */
    disk: { state: string; freeMb: number | null; warning: string | null };
    lastHeartbeatAt: string;
  }[];
}

// Each dependency is probed with a short timeout so health never hangs. Agents come from the registry
// (their heartbeats), not from calling each one. Degraded: database or Redis down, no host that takes
// sandboxes, a host down that was not drained first (drain a host before switching it off), or a live
// host whose disk has no room for another sandbox (its warning says what to do).
export async function getHealth(): Promise<Health> {
  const within = <T>(p: Promise<T>, ms = 2000) =>
    Promise.race([p, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), ms))]);
  const [dbOk, redisOk, registered] = await Promise.all([
    within(db().$queryRawUnsafe('SELECT 1')).then(
      () => true,
      () => false,
    ),
    within(sharedRedis().ping()).then(
      () => true,
      () => false,
    ),
    within(agentStatuses()).catch(() => []),
  ]);
  const agents = registered.map((a) => ({
    id: a.id,
    sandboxes: a.sandboxes,
    capacity: a.capacity,
    status: a.live ? ('ok' as const) : ('down' as const),
    draining: a.draining,
    disk: a.disk,
    lastHeartbeatAt: a.lastHeartbeatAt.toISOString(),
  }));
  const placeable = agents.some((a) => a.status === 'ok' && !a.draining);
  const allOk =
    dbOk &&
    redisOk &&
    placeable &&
    agents.every((a) => a.status === 'ok' || a.draining) &&
    agents.every((a) => a.status === 'down' || a.disk.state === 'ok');
  return {
    status: allOk ? 'ok' : 'degraded',
    db: dbOk ? 'ok' : 'down',
    redis: redisOk ? 'ok' : 'down',
    agents,
  };
}
