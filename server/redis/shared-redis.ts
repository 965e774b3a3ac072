import { Redis } from 'ioredis';
import { config } from '../config.ts';
import { processSingleton } from '../runtime/process-singleton.ts';

// One plain Redis connection per process for small shared state every control-plane replica must agree on
// (rate-limit counters, spent preview tickets); BullMQ keeps its own connections.
export function sharedRedis(): Redis {
  return processSingleton(
    'shared-redis',
    () => new Redis(config().REDIS_URL ?? '', { lazyConnect: true, maxRetriesPerRequest: 1 }),
  );
}

export function closeSharedRedis(): void {
  sharedRedis().disconnect();
}
