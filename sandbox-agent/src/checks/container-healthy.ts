import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { lastLine } from './command-output.ts';
import type { InnerEngine } from './inner-engine.ts';
import { inspectContainer } from './inspect.ts';

type ContainerHealthy = Extract<Assertion, { type: 'container_healthy' }>;
type Inspected = NonNullable<Awaited<ReturnType<typeof inspectContainer>>>;

// A running container whose health check says "healthy", as `docker inspect -f '{{.State.Health.Status}}'`
// shows it; "starting" and "unhealthy" each get a finding that says what to do.
export async function evaluateContainerHealthy(
  a: ContainerHealthy,
  inner: InnerEngine,
): Promise<AssertionOutcome> {
  const c = await inspectContainer(inner, a.name);
  if (!c) return fail('container_missing', { name: a.name });
  return healthOutcome(a.name, c.State);
}

export function healthOutcome(name: string, state: Inspected['State']): AssertionOutcome {
  const health = state.Health;
  if (!health || health.Status === 'none') return fail('container_no_healthcheck', { name });
  if (!state.Running) return fail('container_not_running', { name, status: state.Status });
  if (health.Status === 'healthy') return ok('container_healthy', { name });
  if (health.Status === 'starting') return fail('container_health_starting', { name });
  const last = health.Log?.at(-1);
  return fail('container_unhealthy', {
    name,
    count: health.FailingStreak,
    code: last?.ExitCode ?? -1,
    output: lastLine(last?.Output ?? '') || '-',
  });
}
