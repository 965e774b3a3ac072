import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import type { ContainerInspect } from './inner-engine.ts';

// Whether a running container publishes a port on the node, the way `docker run -p 8080:80` asked:
// host port 8080 bound (on any of the node's addresses) to the container's 80/tcp.
export function evaluatePublish(name: string, publish: string, c: ContainerInspect): AssertionOutcome {
  const [hostPort = '', target = ''] = publish.split(':');
  const port = target.includes('/') ? target : `${target}/tcp`;
  const ports = c.NetworkSettings.Ports ?? {};
  if ((ports[port] ?? []).some((b) => b.HostPort === hostPort)) {
    return ok('container_publishing', { name, port, hostPort });
  }
  const published = Object.entries(ports).flatMap(([p, bindings]) =>
    (bindings ?? []).map((b) => `${b.HostIp ? `${b.HostIp}:` : ''}${b.HostPort}->${p}`),
  );
  return fail('container_port_missing', {
    name,
    port,
    hostPort,
    ports: [...new Set(published)].join(', ') || '—',
  });
}
