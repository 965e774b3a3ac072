import http from 'node:http';
import { z } from 'zod';
import { aptPullThrough } from './apt-pull-through.ts';
import { PullThroughCache } from './pull-through-cache.ts';
import { registryPullThrough } from './registry-pull-through.ts';
import { UpstreamRegistry } from './upstream-registry.ts';

// One pull-through server: the image mirror's (registry) or the apt archive's (apt), as the worker host
// starts it (host/pull-through-service.ts writes this config; pull-through-main.ts reads it).
const common = {
  port: z.number().int().min(0).max(65535),
  // Where it listens: all interfaces behind the host's sandbox-only guard, or loopback in tests.
  host: z.string().default('0.0.0.0'),
  upstream: z.string().url(),
  cacheDir: z.string().min(1),
  refreshSeconds: z.number().int().nonnegative(),
};
export const pullThroughConfigSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('registry'),
    ...common,
    localSocket: z.string().min(1),
    username: z.string().optional(),
    password: z.string().optional(),
  }),
  z.object({
    kind: z.literal('apt'),
    ...common,
    // The keys an upstream suite's InRelease must be signed with.
    keyring: z.string().min(1),
  }),
]);
export type PullThroughConfig = z.input<typeof pullThroughConfigSchema>;

export function createPullThroughServer(
  input: PullThroughConfig,
  log: (line: string) => void = (line) => console.log(`[pull-through] ${line}`),
): http.Server {
  const c = pullThroughConfigSchema.parse(input);
  const cache = new PullThroughCache(c.cacheDir);
  const refreshMs = c.refreshSeconds * 1000;
  const handler =
    c.kind === 'registry'
      ? registryPullThrough({
          localSocket: c.localSocket,
          upstream: new UpstreamRegistry(c.upstream, { username: c.username, password: c.password }),
          cache,
          refreshMs,
          log,
        })
      : aptPullThrough({ upstream: c.upstream, cache, refreshMs, keyring: c.keyring, log });
  return http.createServer(handler);
}

// Listening on the configured address; resolves with the port (the configured one, or the one picked for 0).
export function listen(server: http.Server, c: { port: number; host?: string | undefined }): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(c.port, c.host ?? '0.0.0.0', () => {
      server.off('error', reject);
      const addr = server.address();
      resolve(typeof addr === 'object' && addr ? addr.port : c.port);
    });
  });
}
