import { z } from 'zod';
import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import type { InnerEngine } from './inner-engine.ts';
import { enc, inspectContainer } from './inspect.ts';

// One line of GET /events: a JSON object per event.
const eventSchema = z.object({
  Action: z.string(),
  Actor: z.object({ Attributes: z.record(z.string(), z.string()).default({}) }),
});

// A container that was there and is gone: "no such container" alone would pass on a fresh sandbox, so the
// engine's event log (its last 256 events) must also show a `destroy` of a container by that name.
export async function evaluateContainerRemoved(
  a: Extract<Assertion, { type: 'container_removed' }>,
  inner: InnerEngine,
): Promise<AssertionOutcome> {
  const c = await inspectContainer(inner, a.name);
  if (c) return fail('container_still_exists', { name: a.name, status: c.State.Status });
  // `until` ends the stream at now instead of following it; the name filter also matches ids, so compare.
  const filters = enc(JSON.stringify({ type: ['container'], event: ['destroy'], container: [a.name] }));
  const until = (Date.now() / 1000).toFixed(3);
  const res = await inner.getRaw(`/events?since=0&until=${until}&filters=${filters}`);
  const destroyed = res.body
    .toString('utf8')
    .split('\n')
    .some((line) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        return false;
      }
      const ev = eventSchema.safeParse(json);
      return ev.success && ev.data.Action === 'destroy' && ev.data.Actor.Attributes.name === a.name;
    });
  return destroyed
    ? ok('container_removed', { name: a.name })
    : fail('container_never_removed', { name: a.name });
}
