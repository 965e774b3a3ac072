import { Redis } from 'ioredis';
import { config } from '../config.ts';
import { processSingleton } from '../runtime/process-singleton.ts';

// One plain Redis connection per process for small shared state every control-plane replica must agree on
// (rate-limit counters, spent preview tickets, classroom events) and the health probe; BullMQ keeps its own.
export function sharedRedis(): Redis {
  return processSingleton('shared-redis', () => {
    const url = config().REDIS_URL;
    if (!url) throw new Error('REDIS_URL is not configured');
    return new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  });
}

export function closeSharedRedis(): void {
  sharedRedis().disconnect();
}
