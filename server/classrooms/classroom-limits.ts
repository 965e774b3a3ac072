import { config } from '../config.ts';
import type { Limit } from '../rate-limit/rate-limiter.ts';

// Joins and resumes share one budget per address: both try codes.
export function joinLimit(): Limit {
  const c = config();
  return {
    bucket: 'join-address',
    limit: c.BERTH_JOINS_PER_ADDRESS,
    windowSeconds: c.BERTH_AUTH_WINDOW_SECONDS,
  };
}

/** A learner's session lasts as long as a guest's. */
export const LEARNER_SESSION_MS = 30 * 86_400_000;
