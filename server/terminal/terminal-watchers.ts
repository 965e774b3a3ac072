import type { Redis } from 'ioredis';
import { sharedRedis } from '../redis/shared-redis.ts';

// Who watches a learner's terminal, across control-plane replicas: a Redis sorted set per sandbox of watcher
// connections scored by when their lease ends. A connection renews its lease while open and leaves on close;
// a replica that dies without saying so stops counting when the lease runs out.
export const WATCH_LEASE_MS = 60_000;

const keyOf = (sandboxId: string) => `berth:watchers:${sandboxId}`;

const redis = sharedRedis;

async function countAfter(multi: ReturnType<Redis['multi']>, key: string): Promise<number> {
  const now = Date.now();
  const replies = await multi
    .zremrangebyscore(key, '-inf', now)
    .zcard(key)
    .pexpire(key, WATCH_LEASE_MS * 2)
    .exec();
  return Number(replies?.at(-2)?.[1] ?? 0);
}

/** Adds (or renews) a watcher connection; returns how many watch the sandbox now. */
export function addWatcher(sandboxId: string, watcherId: string): Promise<number> {
  const key = keyOf(sandboxId);
  return countAfter(
    redis()
      .multi()
      .zadd(key, Date.now() + WATCH_LEASE_MS, watcherId),
    key,
  );
}

/** Removes a watcher connection; returns how many still watch. */
export function removeWatcher(sandboxId: string, watcherId: string): Promise<number> {
  const key = keyOf(sandboxId);
  return countAfter(redis().multi().zrem(key, watcherId), key);
}

export function watcherCount(sandboxId: string): Promise<number> {
  return redis().zcount(keyOf(sandboxId), Date.now(), '+inf');
}
