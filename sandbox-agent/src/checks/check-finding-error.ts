import type { CheckMessage } from '../../../contract/check-messages.ts';
import { renderCheckMessage } from '../../../contract/check-messages.ts';

// A check that could not look (engine down, disk full, out of time): thrown with the finding to report.
export class CheckFindingError extends Error {
  constructor(readonly finding: CheckMessage) {
    super(renderCheckMessage(finding, 'en'));
  }
}
