import { demuxDockerLogs } from './docker-log-stream.ts';
import type { InnerEngine } from './inner-engine.ts';
import { enc } from './inspect.ts';

export type LogStream = 'stdout' | 'stderr' | 'any';

// Whether a container's logs (its last 2000 lines, through the Engine API) contain a text on that stream.
export async function logsInclude(
  inner: InnerEngine,
  name: string,
  tty: boolean,
  text: string,
  stream: LogStream = 'any',
): Promise<boolean> {
  const res = await inner.getRaw(`/containers/${enc(name)}/logs?stdout=1&stderr=1&tail=2000`);
  if (res.status !== 200) return false;
  const logs = demuxDockerLogs(res.body, tty);
  return (stream === 'any' ? logs.stdout + logs.stderr : logs[stream]).includes(text);
}
