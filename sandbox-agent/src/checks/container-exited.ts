import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { demuxDockerLogs } from './docker-log-stream.ts';
import type { InnerEngine } from './inner-engine.ts';
import { enc, inspectContainer, isFromImage } from './inspect.ts';

// A container that ran and exited: from the right image, with the right exit code, having printed the text.
export async function evaluateContainerExited(
  a: Extract<Assertion, { type: 'container_exited' }>,
  inner: InnerEngine,
): Promise<AssertionOutcome> {
  const c = await inspectContainer(inner, a.name);
  if (!c) return fail('container_missing', { name: a.name });
  if (a.image && !(await isFromImage(inner, c, a.image))) {
    return fail('container_image', { name: a.name, image: c.Config.Image, expected: a.image });
  }
  if (c.State.Status !== 'exited')
    return fail('container_not_exited', { name: a.name, status: c.State.Status });
  if (c.State.ExitCode !== a.exitCode) {
    return fail('container_exit_code', { name: a.name, code: c.State.ExitCode, expected: a.exitCode });
  }
  if (a.outputIncludes) {
    const res = await inner.getRaw(`/containers/${enc(a.name)}/logs?stdout=1&stderr=1&tail=2000`);
    const logs = demuxDockerLogs(res.body, c.Config.Tty);
    const text = a.stream === 'any' ? logs.stdout + logs.stderr : logs[a.stream];
    if (res.status !== 200 || !text.includes(a.outputIncludes)) {
      const stream = a.stream === 'any' ? 'stdout/stderr' : a.stream;
      return fail('container_output_lacks', { name: a.name, text: a.outputIncludes, stream });
    }
  }
  return ok('container_exited_ok', { name: a.name, code: c.State.ExitCode });
}
