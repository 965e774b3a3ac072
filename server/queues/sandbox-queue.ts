import { Queue, type RedisOptions } from 'bullmq';
import { z } from 'zod';
import { config } from '../config.ts';
import { processSingleton } from '../runtime/process-singleton.ts';

// Sandbox work that must survive restarts lives in Redis: provisioning, expiry, idle reaping, reconciliation.
export const SANDBOX_QUEUE = 'berth-sandboxes';

export const jobSchemas = {
  provision: z.object({ sandboxId: z.string() }),
  expire: z.object({ sandboxId: z.string() }),
  'reap-idle': z.object({}),
  reconcile: z.object({}),
  'refill-pool': z.object({}),
  'prewarm-classroom': z.object({ classroomId: z.string() }),
  'detect-lost-agents': z.object({}),
} as const;
export type JobName = keyof typeof jobSchemas;

// Options rather than a shared client: BullMQ then owns (and closes) each connection it opens.
export function redisOptions(): RedisOptions {
  const url = config().REDIS_URL;
  if (!url) throw new Error('REDIS_URL is not configured');
  // BullMQ workers block on Redis: they need maxRetriesPerRequest null.
  return { url, maxRetriesPerRequest: null };
}

export function sandboxQueue(): Queue {
  return processSingleton('sandbox-queue', () => new Queue(SANDBOX_QUEUE, { connection: redisOptions() }));
}

export async function closeQueues(): Promise<void> {
  await sandboxQueue().close();
}

export async function enqueueProvision(sandboxId: string): Promise<void> {
  await sandboxQueue().add(
    'provision',
    { sandboxId },
    {
      jobId: `provision-${sandboxId}`,
      attempts: 2,
      backoff: { type: 'fixed', delay: 2000 },
      removeOnComplete: 1000,
      removeOnFail: 1000,
    },
  );
}

export async function scheduleExpiry(
  sandboxId: string,
  at: Date,
  opts: { replace?: boolean } = {},
): Promise<void> {
  // Same jobId = same job: a new expiry time (a claimed warm sandbox) replaces the old delayed job.
  if (opts.replace) await cancelExpiry(sandboxId);
  await sandboxQueue().add(
    'expire',
    { sandboxId },
    {
      jobId: `expire-${sandboxId}`,
      delay: Math.max(0, at.getTime() - Date.now()),
      attempts: 5,
      backoff: { type: 'exponential', delay: 5000 },
      removeOnComplete: 1000,
      removeOnFail: 1000,
    },
  );
}

export async function cancelExpiry(sandboxId: string): Promise<void> {
  await sandboxQueue()
    .remove(`expire-${sandboxId}`)
    .catch(() => 0);
}

export const REFILL_JOB_ID = 'refill-pool-now';

// Deduplicated: while one refill is waiting or running, asking again adds nothing. `delayMs` lets a
// learner's first moments in a claimed sandbox pass before the refill's cold start takes the CPU.
export async function enqueueRefill(opts: { delayMs?: number } = {}): Promise<void> {
  await sandboxQueue().add(
    'refill-pool',
    {},
    { jobId: REFILL_JOB_ID, removeOnComplete: true, removeOnFail: true, delay: opts.delayMs ?? 0 },
  );
}

// One job per classroom at a time (its id): two would both see the class short and overfill it.
export async function enqueuePrewarm(classroomId: string): Promise<void> {
  await sandboxQueue().add(
    'prewarm-classroom',
    { classroomId },
    { jobId: `prewarm-${classroomId}`, removeOnComplete: true, removeOnFail: true },
  );
}

// Deduplicated like the refill: an agent that (re)registers asks for one reconciliation soon.
export async function enqueueReconcile(): Promise<void> {
  await sandboxQueue().add(
    'reconcile',
    {},
    { jobId: 'reconcile-now', removeOnComplete: true, removeOnFail: true },
  );
}

// Repeating housekeeping; upsertJobScheduler is idempotent across restarts (add with `repeat` ran only once).
export async function ensureSchedulers(): Promise<void> {
  const q = sandboxQueue();
  await q.upsertJobScheduler('reap-idle', { every: 60_000 }, { name: 'reap-idle', data: {} });
  await q.upsertJobScheduler('reconcile', { every: 30_000 }, { name: 'reconcile', data: {} });
  await q.upsertJobScheduler('refill-pool', { every: 30_000 }, { name: 'refill-pool', data: {} });
  await q.upsertJobScheduler(
    'detect-lost-agents',
    { every: config().BERTH_AGENT_HEARTBEAT_MS },
    { name: 'detect-lost-agents', data: {} },
  );
}
