import { type AssertionOutcome, fail, ok } from './assertion-outcome.ts';
import type { ContainerInspect } from './inner-engine.ts';

// Whether a running container publishes a port on the node, the way `docker run -p 8080:80` asked:
// host port 8080 bound (on any of the node's addresses) to the container's 80/tcp. With a host address
// (`-p 127.0.0.1:8080:80`), the port must be bound on that address.
export function evaluatePublish(name: string, publish: string, c: ContainerInspect): AssertionOutcome {
  const parts = publish.split(':');
  const [hostIp, hostPort = '', target = ''] = parts.length === 3 ? parts : ['', ...parts];
  const port = target.includes('/') ? target : `${target}/tcp`;
  const where = hostIp ? `${hostIp}:${hostPort}` : hostPort;
  const ports = c.NetworkSettings.Ports ?? {};
  const bound = (ports[port] ?? []).some((b) => b.HostPort === hostPort && (!hostIp || b.HostIp === hostIp));
  if (bound) return ok('container_publishing', { name, port, hostPort: where });
  const published = Object.entries(ports).flatMap(([p, bindings]) =>
    (bindings ?? []).map((b) => `${b.HostIp ? `${b.HostIp}:` : ''}${b.HostPort}->${p}`),
  );
  return fail('container_port_missing', {
    name,
    port,
    hostPort: where,
    ports: [...new Set(published)].join(', ') || '—',
  });
}
