import type { Assertion } from '../../../contract/checks.ts';
import { pickScriptMessage } from '../../../contract/script-assertion.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { lastLine } from './command-output.ts';
import type { InnerEngine } from './inner-engine.ts';

// The escape hatch: a bash script on the node; exit 0 passes. Its last line picks one of its `messages`
// (`key` or `key: detail`, shown in the page's language), else is shown as it is.
export async function evaluateScript(
  a: Extract<Assertion, { type: 'script' }>,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<AssertionOutcome> {
  const res = await inner.run(['bash', '-c', a.run], timeoutMs);
  if (res.timedOut) return fail('script_timeout');
  const out = lastLine(res.output);
  const verdict = res.exitCode === 0 ? ok : fail;
  const text = pickScriptMessage(a.messages, out);
  if (text) return verdict('script_message', { text });
  if (out) return verdict('script_said', { output: out });
  return res.exitCode === 0 ? ok('script_passed') : fail('script_failed', { code: res.exitCode });
}
