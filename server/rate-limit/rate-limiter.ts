import { BerthError } from '../../contract/errors.ts';
import { sharedRedis } from '../redis/shared-redis.ts';

// Fixed-window counters in Redis, shared by every control-plane replica: `limit` hits per `windowSeconds`
// for one key (an address, an account). Redis rather than memory so a second replica is not a second budget.

export interface Limit {
  /** e.g. 'login-address' */
  bucket: string;
  limit: number;
  windowSeconds: number;
  /** What was refused, for the 429's message, e.g. "Too many guest sign-ins from your network." */
  refusal?: string;
}

function keyOf(limit: Limit, key: string): string {
  return `berth:rate:${limit.bucket}:${key}`;
}

/** Counts one hit; throws rate_limited (429, with Retry-After) once the window's budget is spent. */
export async function hitRateLimit(limit: Limit, key: string): Promise<void> {
  const k = keyOf(limit, key);
  // The window starts at the first hit (SET NX) and the counter lives exactly that long.
  const replies = await sharedRedis()
    .multi()
    .set(k, '0', 'EX', limit.windowSeconds, 'NX')
    .incr(k)
    .ttl(k)
    .exec();
  const count = Number(replies?.[1]?.[1] ?? 0);
  if (count > limit.limit) throw rateLimited(limit, Number(replies?.[2]?.[1] ?? -1));
}

/** Throws rate_limited when the budget is already spent, without counting a hit. */
export async function assertUnderRateLimit(limit: Limit, key: string): Promise<void> {
  const k = keyOf(limit, key);
  const replies = await sharedRedis().multi().get(k).ttl(k).exec();
  const count = Number(replies?.[0]?.[1] ?? 0);
  if (count >= limit.limit) throw rateLimited(limit, Number(replies?.[1]?.[1] ?? -1));
}

// details.retryAfterSeconds becomes the Retry-After header (server/http/error-response.ts).
function rateLimited(limit: Limit, ttlSeconds: number): BerthError {
  const retryAfterSeconds = ttlSeconds > 0 ? ttlSeconds : limit.windowSeconds;
  const minutes = Math.ceil(retryAfterSeconds / 60);
  const what = limit.refusal ?? 'Too many attempts.';
  return new BerthError('rate_limited', `${what} Try again in ${minutes} minute(s).`, { retryAfterSeconds });
}
