import { Redis } from 'ioredis';
import { processSingleton } from '../runtime/process-singleton.ts';
import { redisOptions } from './sandbox-queue.ts';

// Plain Redis connections beside BullMQ's, one per purpose and process: 'commands' for short commands of any
// module (publish, counters), and one per subscriber (a subscribed connection can do nothing else).
// On globalThis like the connections: Next's bundle of route handlers holds a second copy of this module.
const opened = () => processSingleton('plain-redis-opened', () => new Set<Redis>());

export function plainRedis(purpose: 'commands' | 'classroom-events-subscriber'): Redis {
  return processSingleton(`plain-redis-${purpose}`, () => {
    const r = new Redis(redisOptions().url!, { lazyConnect: true, maxRetriesPerRequest: 1 });
    opened().add(r);
    return r;
  });
}

export function closePlainRedis(): void {
  for (const r of opened()) r.disconnect();
}
