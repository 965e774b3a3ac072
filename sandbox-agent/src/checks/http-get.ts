import { curlError } from './command-output.ts';
import type { InnerEngine } from './inner-engine.ts';

export type HttpAnswer =
  | { kind: 'timeout'; seconds: number; error: string }
  | { kind: 'unreachable'; error: string }
  | { kind: 'answered'; code: number; body: string };

// An HTTP GET sent by curl on the node itself, like `curl` typed on that host — never from the learner's
// shell. `user` ("name:password") signs in with basic auth.
export async function httpGet(
  inner: InnerEngine,
  url: string,
  timeoutMs: number,
  user?: string,
): Promise<HttpAnswer> {
  const seconds = Math.max(1, Math.min(5, Math.floor(timeoutMs / 1000) - 1));
  const auth = user ? ['-u', user] : [];
  const res = await inner.run(
    [
      'curl',
      '-sS',
      ...auth,
      '--max-time',
      String(seconds),
      '--max-filesize',
      '1048576',
      '-w',
      '\n%{http_code}',
      url,
    ],
    timeoutMs,
  );
  if (res.timedOut || res.exitCode === 28) return { kind: 'timeout', seconds, error: curlError(res.output) };
  if (res.exitCode !== 0) return { kind: 'unreachable', error: curlError(res.output) };
  const nl = res.output.lastIndexOf('\n');
  return {
    kind: 'answered',
    code: Number(res.output.slice(nl + 1).trim()),
    body: res.output.slice(0, Math.max(0, nl)),
  };
}
