import type { Assertion } from '../../../contract/checks.ts';
import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import { lastLine } from './command-output.ts';
import { evaluateContainerExited } from './container-exited.ts';
import { evaluateContainerHealthy } from './container-healthy.ts';
import { evaluateContainerLimits } from './container-limits.ts';
import { logsInclude } from './container-logs.ts';
import { evaluateContainerMount } from './container-mount.ts';
import { evaluateContainerNamespace } from './container-namespace.ts';
import { evaluateContainerRemoved } from './container-removed.ts';
import { evaluateFileAbsent } from './file-absent.ts';
import { evaluateFileContent } from './file-content.ts';
import { httpGet } from './http-get.ts';
import {
  evaluateImageBasedOn,
  evaluateImageExists,
  evaluateImageImported,
  evaluateImageLayers,
} from './image-checks.ts';
import type { InnerEngine } from './inner-engine.ts';
import { networkInspectSchema } from './inner-engine.ts';
import { enc, inspectContainer, isFromImage } from './inspect.ts';
import { evaluatePublish } from './published-port.ts';
import { evaluateRegistryHas } from './registry-has.ts';
import { evaluateScript } from './script.ts';

// One typed assertion against the learner's engine → passed + a finding the learner can act on.

export async function evaluateAssertion(
  a: Assertion,
  inner: InnerEngine,
  timeoutMs: number,
): Promise<AssertionOutcome> {
  switch (a.type) {
    case 'network_exists': {
      const res = await inner.get(`/networks/${enc(a.name)}`);
      const net = networkInspectSchema.safeParse(res.body);
      if (res.status === 404 || !net.success || net.data.Name !== a.name) {
        return fail('network_missing', { name: a.name });
      }
      if (a.driver && net.data.Driver !== a.driver) {
        return fail('network_driver', { name: a.name, driver: net.data.Driver, expected: a.driver });
      }
      const subnets = (net.data.IPAM?.Config ?? []).flatMap((c) => (c.Subnet ? [c.Subnet] : []));
      if (a.subnet && !subnets.includes(a.subnet)) {
        return fail('network_subnet', {
          name: a.name,
          subnets: subnets.join(', ') || '—',
          expected: a.subnet,
        });
      }
      return ok('network_ok', { name: a.name, driver: net.data.Driver });
    }
    case 'container_running': {
      const c = await inspectContainer(inner, a.name);
      if (!c) return fail('container_missing', { name: a.name });
      if (a.image && !(await isFromImage(inner, c, a.image))) {
        return fail('container_image', { name: a.name, image: c.Config.Image, expected: a.image });
      }
      if (!c.State.Running) return fail('container_not_running', { name: a.name, status: c.State.Status });
      if (a.logsInclude && !(await logsInclude(inner, a.name, c.Config.Tty, a.logsInclude))) {
        return fail('container_logs_lack', { name: a.name, text: a.logsInclude });
      }
      if (a.publish) return evaluatePublish(a.name, a.publish, c);
      if (a.logsInclude) return ok('container_running_logs', { name: a.name, text: a.logsInclude });
      return ok('container_running', { name: a.name });
    }
    case 'container_on_network': {
      const c = await inspectContainer(inner, a.container);
      if (!c) return fail('container_missing', { name: a.container });
      const nets = Object.keys(c.NetworkSettings.Networks ?? {});
      if (!nets.includes(a.network)) {
        if (!nets.length) return fail('container_on_no_network', { name: a.container, network: a.network });
        return fail('container_not_on_network', {
          name: a.container,
          networks: nets.join(', '),
          network: a.network,
        });
      }
      return ok('container_on_network', { name: a.container, network: a.network });
    }
    case 'image_exists':
      return evaluateImageExists(a, inner);
    case 'volume_exists': {
      const res = await inner.get(`/volumes/${enc(a.name)}`);
      return res.status === 200
        ? ok('volume_exists', { name: a.name })
        : fail('volume_missing', { name: a.name });
    }
    case 'exec_succeeds': {
      const c = await inspectContainer(inner, a.container);
      if (!c) return fail('container_missing', { name: a.container });
      if (!c.State.Running) return fail('exec_not_running', { name: a.container });
      const shown = a.command.join(' ');
      const seconds = Math.max(1, Math.floor(timeoutMs / 1000) - 1);
      const res = await inner.run(
        ['timeout', String(seconds), 'docker', 'exec', a.container, ...a.command],
        timeoutMs,
      );
      const about = { command: shown, name: a.container };
      if (res.timedOut || res.exitCode === 124) return fail('exec_timeout', about);
      if (res.exitCode !== 0) {
        return fail('exec_failed', { ...about, code: res.exitCode, output: lastLine(res.output) });
      }
      if (a.outputIncludes && !res.output.includes(a.outputIncludes)) {
        return fail('exec_output_lacks', { ...about, text: a.outputIncludes });
      }
      return ok('exec_ok', about);
    }
    case 'http_responds': {
      const res = await httpGet(inner, a.url, timeoutMs);
      if (res.kind === 'timeout') return fail('http_timeout', { url: a.url, seconds: res.seconds });
      if (res.kind === 'unreachable') return fail('http_unreachable', { url: a.url, error: res.error });
      const { code, body } = res;
      if (code !== a.status) return fail('http_status', { url: a.url, code, expected: a.status });
      if (a.bodyIncludes && !body.includes(a.bodyIncludes)) {
        return fail('http_body_lacks', { url: a.url, code, text: a.bodyIncludes });
      }
      return a.bodyIncludes
        ? ok('http_ok_with', { url: a.url, code, text: a.bodyIncludes })
        : ok('http_ok', { url: a.url, code });
    }
    case 'script':
      return evaluateScript(a, inner, timeoutMs);
    case 'container_exited':
      return evaluateContainerExited(a, inner);
    case 'container_removed':
      return evaluateContainerRemoved(a, inner);
    case 'image_based_on':
      return evaluateImageBasedOn(a, inner);
    case 'image_layers':
      return evaluateImageLayers(a, inner);
    case 'image_imported':
      return evaluateImageImported(a, inner);
    case 'file_content':
      return evaluateFileContent(a, inner, timeoutMs);
    case 'file_absent':
      return evaluateFileAbsent(a, inner, timeoutMs);
    case 'container_healthy':
      return evaluateContainerHealthy(a, inner);
    case 'registry_has':
      return evaluateRegistryHas(a, inner, timeoutMs);
    case 'container_mount':
      return evaluateContainerMount(a, inner);
    case 'container_namespace':
      return evaluateContainerNamespace(a, inner, timeoutMs);
    case 'container_limits':
      return evaluateContainerLimits(a, inner, timeoutMs);
  }
}
