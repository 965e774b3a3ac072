import type { Assertion } from '../../../contract/checks.ts';
import { containerInspectSchema, type InnerEngine, networkInspectSchema } from './inner-engine.ts';

// One typed assertion against the learner's engine → passed + a message the learner can act on.
export interface AssertionOutcome {
  passed: boolean;
  message: string;
}

const ok = (message: string): AssertionOutcome => ({ passed: true, message });
const fail = (message: string): AssertionOutcome => ({ passed: false, message });
const enc = encodeURIComponent;

async function inspectContainer(inner: InnerEngine, name: string) {
  const res = await inner.get(`/containers/${enc(name)}/json`);
  if (res.status === 404) return undefined;
  const parsed = containerInspectSchema.safeParse(res.body);
  // The engine matches id prefixes too; only an exact name counts.
  if (!parsed.success || parsed.data.Name !== `/${name}`) return undefined;
  return parsed.data;
}

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
        return fail(`No network named "${a.name}" exists yet.`);
      }
      if (a.driver && net.data.Driver !== a.driver) {
        return fail(`Network "${a.name}" uses the "${net.data.Driver}" driver; it should use "${a.driver}".`);
      }
      return ok(`Network "${a.name}" exists (driver ${net.data.Driver}).`);
    }
    case 'container_running': {
      const c = await inspectContainer(inner, a.name);
      if (!c) return fail(`No container named "${a.name}" exists.`);
      if (!c.State.Running)
        return fail(`Container "${a.name}" exists but is ${c.State.Status}, not running.`);
      return ok(`Container "${a.name}" is running.`);
    }
    case 'container_on_network': {
      const c = await inspectContainer(inner, a.container);
      if (!c) return fail(`No container named "${a.container}" exists.`);
      const nets = Object.keys(c.NetworkSettings.Networks ?? {});
      if (!nets.includes(a.network)) {
        const on = nets.length ? nets.join(', ') : 'no network';
        return fail(`Container "${a.container}" is attached to ${on}, not to "${a.network}".`);
      }
      return ok(`Container "${a.container}" is attached to "${a.network}".`);
    }
    case 'image_exists': {
      const res = await inner.get(`/images/${enc(a.name)}/json`);
      return res.status === 200
        ? ok(`Image "${a.name}" is present.`)
        : fail(`Image "${a.name}" is not present.`);
    }
    case 'volume_exists': {
      const res = await inner.get(`/volumes/${enc(a.name)}`);
      return res.status === 200
        ? ok(`Volume "${a.name}" exists.`)
        : fail(`No volume named "${a.name}" exists.`);
    }
    case 'exec_succeeds': {
      const c = await inspectContainer(inner, a.container);
      if (!c) return fail(`No container named "${a.container}" exists.`);
      if (!c.State.Running)
        return fail(`Container "${a.container}" is not running, so nothing can run in it.`);
      const shown = a.command.join(' ');
      const seconds = Math.max(1, Math.floor(timeoutMs / 1000) - 1);
      const res = await inner.run(
        ['timeout', String(seconds), 'docker', 'exec', a.container, ...a.command],
        timeoutMs,
      );
      if (res.timedOut || res.exitCode === 124)
        return fail(`\`${shown}\` in "${a.container}" did not finish in time.`);
      if (res.exitCode !== 0) {
        return fail(
          `\`${shown}\` in "${a.container}" failed (exit ${res.exitCode}): ${lastLine(res.output)}`,
        );
      }
      if (a.outputIncludes && !res.output.includes(a.outputIncludes)) {
        return fail(`\`${shown}\` in "${a.container}" ran, but its output lacks "${a.outputIncludes}".`);
      }
      return ok(`\`${shown}\` in "${a.container}" succeeded.`);
    }
    case 'http_responds': {
      // Sent by curl on the node itself, like `curl` typed on that host — never from the learner's shell.
      const seconds = Math.max(1, Math.min(5, Math.floor(timeoutMs / 1000) - 1));
      const res = await inner.run(
        [
          'curl',
          '-sS',
          '--max-time',
          String(seconds),
          '--max-filesize',
          '1048576',
          '-w',
          '\n%{http_code}',
          a.url,
        ],
        timeoutMs,
      );
      if (res.timedOut || res.exitCode === 28) return fail(`${a.url} did not answer within ${seconds} s.`);
      if (res.exitCode !== 0) return fail(`Nothing answered at ${a.url}: ${curlError(res.output)}`);
      const nl = res.output.lastIndexOf('\n');
      const code = Number(res.output.slice(nl + 1).trim());
      const body = res.output.slice(0, Math.max(0, nl));
      if (code !== a.status) return fail(`${a.url} answered HTTP ${code}, not ${a.status}.`);
      if (a.bodyIncludes && !body.includes(a.bodyIncludes)) {
        return fail(`${a.url} answered HTTP ${code}, but the page does not contain "${a.bodyIncludes}".`);
      }
      return ok(`${a.url} answered HTTP ${code}${a.bodyIncludes ? ` with "${a.bodyIncludes}"` : ''}.`);
    }
    case 'script': {
      const res = await inner.run(['bash', '-c', a.run], timeoutMs);
      if (res.timedOut) return fail('The check script did not finish in time.');
      const out = lastLine(res.output);
      return res.exitCode === 0
        ? ok(out || 'Check passed.')
        : fail(out || `Check failed (exit ${res.exitCode}).`);
    }
  }
}

function lastLine(text: string): string {
  const lines = text.trim().split('\n');
  return (lines[lines.length - 1] ?? '').slice(0, 300);
}

// curl's own words ("Failed to connect to node1 port 8080: Connection refused"), without the "curl: (7)" prefix.
function curlError(output: string): string {
  const line = output
    .split('\n')
    .find((l) => l.startsWith('curl: ('))
    ?.replace(/^curl: \(\d+\)\s*/, '');
  return (line ?? lastLine(output)).slice(0, 300) || 'no answer.';
}
