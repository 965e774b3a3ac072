import { z } from 'zod';
import { MIN_ID_PREFIX, matchesLive } from '../../../contract/answer-match.ts';
import type { AnswerProbe, AnswerSource } from '../../../contract/answers.ts';
import { msg } from '../../../contract/check-messages.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { CheckFindingError } from './check-finding-error.ts';
import type { InnerEngine } from './inner-engine.ts';
import { enc, inspectContainer, inspectImage } from './inspect.ts';

// Live answers: the value a learner is asked for, read from their engine at check time, and their answer
// compared with it here — the expected value never leaves the agent except to `lessons verify`
// (POST /v1/sandboxes/:id/answers). A wrong answer's finding names the object, never a value.

const containerNetworkSchema = z.object({
  NetworkSettings: z.object({
    Networks: z
      .record(
        z.string(),
        z.object({ IPAddress: z.string().default(''), GlobalIPv6Address: z.string().default('') }),
      )
      .nullable()
      .default({}),
    Ports: z
      .record(z.string(), z.array(z.object({ HostPort: z.string().default('') })).nullable())
      .nullable()
      .default({}),
  }),
});

/** Every value the source accepts as right (a container has an address per network); the first is the
 * one `lessons verify` types. Throws a CheckFindingError when there is nothing to read (no such container). */
export async function readAnswerSource(
  source: AnswerSource,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<string[]> {
  switch (source.type) {
    case 'container_ip': {
      const { NetworkSettings: net } = await containerDetails(inner, source.container);
      const networks = Object.entries(net.Networks ?? {}).filter(
        ([name]) => source.network === undefined || name === source.network,
      );
      const addresses = networks.flatMap(([, n]) => [n.IPAddress, n.GlobalIPv6Address]).filter(Boolean);
      if (addresses.length === 0) {
        throw new CheckFindingError(
          source.network === undefined
            ? msg('container_no_address', { name: source.container })
            : msg('container_not_on_network', {
                name: source.container,
                networks: Object.keys(net.Networks ?? {}).join(', ') || '-',
                network: source.network,
              }),
        );
      }
      return addresses;
    }
    case 'container_id': {
      await containerOrThrow(inner, source.container);
      const res = await inner.get(`/containers/${enc(source.container)}/json`);
      return [z.object({ Id: z.string() }).parse(res.body).Id];
    }
    case 'image_id': {
      const image = await inspectImage(inner, source.image);
      if (!image) throw new CheckFindingError(msg('image_missing', { name: source.image }));
      return [image.Id.replace(/^sha256:/, '')];
    }
    case 'container_exit_code': {
      const c = await containerOrThrow(inner, source.container);
      if (c.State.Running || c.State.Status === 'created') {
        throw new CheckFindingError(
          msg('container_not_exited', { name: source.container, status: c.State.Status }),
        );
      }
      return [String(c.State.ExitCode)];
    }
    case 'image_layer_count': {
      const image = await inspectImage(inner, source.image);
      if (!image) throw new CheckFindingError(msg('image_missing', { name: source.image }));
      return [String(image.RootFS.Layers.length)];
    }
    case 'published_port': {
      const { NetworkSettings: net } = await containerDetails(inner, source.container);
      const ports = (net.Ports?.[source.port] ?? []).map((b) => b.HostPort).filter(Boolean);
      if (ports.length === 0) {
        throw new CheckFindingError(
          msg('answer_port_unpublished', { name: source.container, port: source.port }),
        );
      }
      return [...new Set(ports)];
    }
    case 'node_output': {
      // Standard output only, like `$(…)` in the learner's shell.
      const res = await inner.run(
        ['bash', '-c', '{ eval "$1"; } 2>/dev/null', 'bash', source.run],
        timeoutMs,
      );
      if (res.timedOut) throw new CheckFindingError(msg('script_timeout'));
      if (res.exitCode !== 0) throw new CheckFindingError(msg('answer_unreadable', { code: res.exitCode }));
      return [res.output.trim()];
    }
  }
}

/** The learner's answer against the live value. */
export async function evaluateProbe(
  probe: AnswerProbe,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<AssertionOutcome> {
  const given = probe.answer.trim();
  if (given === '') return fail('answer_missing');
  const accepted = await readAnswerSource(probe.from, inner, timeoutMs);
  if (matchesLive(probe.from.type, given, accepted)) return ok('answer_right');
  return wrong(probe.from, given);
}

function wrong(from: AnswerSource, given: string): AssertionOutcome {
  switch (from.type) {
    case 'container_ip':
      return fail('answer_not_ip', { name: from.container });
    case 'container_id':
    case 'image_id': {
      const hex = given.toLowerCase().replace(/^sha256:/, '');
      if (/^[0-9a-f]+$/.test(hex) && hex.length < MIN_ID_PREFIX)
        return fail('answer_id_too_short', { count: MIN_ID_PREFIX });
      return from.type === 'container_id'
        ? fail('answer_not_container_id', { name: from.container })
        : fail('answer_not_image_id', { name: from.image });
    }
    case 'container_exit_code':
      return fail('answer_not_exit_code', { name: from.container });
    case 'image_layer_count':
      return fail('answer_not_layer_count', { name: from.image });
    case 'published_port':
      return fail('answer_not_host_port', { name: from.container, port: from.port });
    case 'node_output':
      return fail('answer_wrong_value');
  }
}

async function containerOrThrow(inner: InnerEngine, name: string) {
  const c = await inspectContainer(inner, name);
  if (!c) throw new CheckFindingError(msg('container_missing', { name }));
  return c;
}

async function containerDetails(inner: InnerEngine, name: string) {
  await containerOrThrow(inner, name);
  const res = await inner.get(`/containers/${enc(name)}/json`);
  return containerNetworkSchema.parse(res.body);
}
