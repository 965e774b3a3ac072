import { Redis } from 'ioredis';
import { BerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';
import { processSingleton } from '../runtime/process-singleton.ts';

// Fixed-window counters in Redis, shared by every control-plane replica: `limit` hits per `windowSeconds`
// for one key (an address, an account). Redis rather than memory so a second replica is not a second budget.
function redis(): Redis {
  return processSingleton(
    'rate-limit-redis',
    () => new Redis(config().REDIS_URL ?? '', { lazyConnect: true, maxRetriesPerRequest: 1 }),
  );
}

export interface Limit {
  /** e.g. 'login-address' */
  bucket: string;
  limit: number;
  windowSeconds: number;
}

function keyOf(limit: Limit, key: string): string {
  return `berth:rate:${limit.bucket}:${key}`;
}

/** Counts one hit; throws rate_limited (429) once the window's budget is spent. */
export async function hitRateLimit(limit: Limit, key: string): Promise<void> {
  const k = keyOf(limit, key);
  // The window starts at the first hit (SET NX) and the counter lives exactly that long.
  const replies = await redis().multi().set(k, '0', 'EX', limit.windowSeconds, 'NX').incr(k).exec();
  const count = Number(replies?.[1]?.[1] ?? 0);
  if (count > limit.limit) throw rateLimited(limit);
}

/** Throws rate_limited when the budget is already spent, without counting a hit. */
export async function assertUnderRateLimit(limit: Limit, key: string): Promise<void> {
  const count = Number((await redis().get(keyOf(limit, key))) ?? 0);
  if (count >= limit.limit) throw rateLimited(limit);
}

function rateLimited(limit: Limit): BerthError {
  const minutes = Math.ceil(limit.windowSeconds / 60);
  return new BerthError('rate_limited', `Too many attempts. Try again in ${minutes} minute(s).`);
}

export function closeRateLimiter(): void {
  redis().disconnect();
}
