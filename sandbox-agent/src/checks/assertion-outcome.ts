import { type CheckMessage, type CheckMessageCode, msg } from '../../../contract/check-messages.ts';

// What one assertion found: passed or not, and the finding as a code the control plane renders.
export interface AssertionOutcome {
  passed: boolean;
  finding: CheckMessage;
}

type Params = CheckMessage['params'];
export const ok = (code: CheckMessageCode, params?: Params): AssertionOutcome => ({
  passed: true,
  finding: msg(code, params),
});
export const fail = (code: CheckMessageCode, params?: Params): AssertionOutcome => ({
  passed: false,
  finding: msg(code, params),
});
