import { BerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';

// A classroom's sandbox time limit may shorten the host's, never lengthen it.
export function checkSandboxMinutes(minutes: number | null | undefined): void {
  const max = config().BERTH_SANDBOX_TTL_MINUTES;
  if (minutes != null && minutes > max)
    throw new BerthError(
      'validation_failed',
      `sandboxMinutes: at most ${max} (this host's sandbox time limit, BERTH_SANDBOX_TTL_MINUTES)`,
    );
}
