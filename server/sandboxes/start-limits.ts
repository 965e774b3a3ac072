import type { SessionUser } from '../auth/create-guest-session.ts';
import { config } from '../config.ts';
import { hitRateLimit } from '../rate-limit/rate-limiter.ts';

// Counts one sandbox start against the client's address and the learner (BERTH_STARTS_PER_ADDRESS,
// BERTH_STARTS_PER_USER per BERTH_START_WINDOW_SECONDS); throws rate_limited (429) past either budget.
// Only real starts count: the live sandbox handed back again (every lesson page asks) costs nothing. The
// learner's own budget is checked first, so one learner past it does not eat the class's shared address.
export async function hitStartLimits(user: SessionUser, address: string | undefined): Promise<void> {
  const c = config();
  const windowSeconds = c.BERTH_START_WINDOW_SECONDS;
  await hitRateLimit(
    {
      bucket: 'start-user',
      limit: c.BERTH_STARTS_PER_USER,
      windowSeconds,
      refusal: 'You started too many sandboxes in a short time.',
    },
    user.id,
  );
  if (address !== undefined)
    await hitRateLimit(
      {
        bucket: 'start-address',
        limit: c.BERTH_STARTS_PER_ADDRESS,
        windowSeconds,
        refusal: 'Too many sandboxes were started from your network.',
      },
      address,
    );
}
