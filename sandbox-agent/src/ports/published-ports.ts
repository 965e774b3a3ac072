import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { PublishedPort } from '../../../contract/published-ports.ts';

// What a learner has published on a node (`docker run -p 8080:80 …`), read from the inner engine's
// /containers/json. Only TCP ports bound on every address of the node can be previewed: a port bound to
// 127.0.0.1 inside the node is not reachable from the worker host, and UDP is not HTTP.

const portNumber = z.number().int().min(1).max(65_535);

// The inner engine belongs to the learner (root in the node can replace its socket), so its answer is
// validated like any untrusted input; it only ever chooses a port on the learner's own node.
export const innerContainerListSchema = z.array(
  z.object({
    Names: z.array(z.string()).default([]),
    State: z.string().optional(),
    Ports: z
      .array(
        z.object({
          IP: z.string().optional(),
          PrivatePort: portNumber,
          PublicPort: portNumber.optional(),
          Type: z.string(),
        }),
      )
      .nullish(),
  }),
);

const ALL_ADDRESSES = new Set(['', '0.0.0.0', '::']);

export function publishedPortsOf(node: string, body: unknown): PublishedPort[] | undefined {
  const parsed = innerContainerListSchema.safeParse(body);
  if (!parsed.success) return undefined;
  const byPort = new Map<number, PublishedPort>();
  for (const c of parsed.data) {
    if (c.State && c.State !== 'running') continue;
    for (const p of c.Ports ?? []) {
      if (p.Type !== 'tcp' || p.PublicPort === undefined || !ALL_ADDRESSES.has(p.IP ?? '')) continue;
      // -p 8080:80 lists the port once for 0.0.0.0 and once for ::; one link is enough.
      if (byPort.has(p.PublicPort)) continue;
      byPort.set(p.PublicPort, {
        node,
        port: p.PublicPort,
        containerPort: p.PrivatePort,
        container: (c.Names[0] ?? '').replace(/^\//, ''),
      });
    }
  }
  return [...byPort.values()].sort((a, b) => a.port - b.port);
}

// A version that depends only on the content: equal lists give equal versions, across agent restarts too.
export function portsVersion(ports: readonly PublishedPort[]): string {
  const sorted = [...ports].sort((a, b) => a.node.localeCompare(b.node) || a.port - b.port);
  return createHash('sha256').update(JSON.stringify(sorted)).digest('hex').slice(0, 16);
}
