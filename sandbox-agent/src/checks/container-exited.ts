import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { logsInclude } from './container-logs.ts';
import type { InnerEngine } from './inner-engine.ts';
import { inspectContainer, isFromImage } from './inspect.ts';

// A container that ran and exited: from the right image, with the right exit code, having printed the text;
// with oomKilled, ended (or not) by the kernel's out-of-memory killer.
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
  // Before the exit code: `docker kill` also ends in 137, and "not OOM-killed" is what the learner must hear.
  if (a.oomKilled === true && !c.State.OOMKilled) {
    return fail('container_not_oom_killed', { name: a.name, status: c.State.Status, code: c.State.ExitCode });
  }
  if (a.oomKilled === false && c.State.OOMKilled)
    return fail('container_oom_killed_unexpected', { name: a.name });
  if (c.State.ExitCode !== a.exitCode) {
    return fail('container_exit_code', { name: a.name, code: c.State.ExitCode, expected: a.exitCode });
  }
  if (a.outputIncludes && !(await logsInclude(inner, a.name, c.Config.Tty, a.outputIncludes, a.stream))) {
    const stream = a.stream === 'any' ? 'stdout/stderr' : a.stream;
    return fail('container_output_lacks', { name: a.name, text: a.outputIncludes, stream });
  }
  if (a.oomKilled) return ok('container_oom_killed', { name: a.name, code: c.State.ExitCode });
  return ok('container_exited_ok', { name: a.name, code: c.State.ExitCode });
}
