import fs from 'node:fs/promises';
import path from 'node:path';
import { provisionWorkerHost, sh, step } from '../sandbox-agent/src/host/index.ts';
import { loadConfig } from '../server/config.ts';
import { startLocalRedis } from './local-redis.ts';
import { ensureLocalSecrets } from './local-secrets.ts';
import { ensurePrerequisites, RUNTIME_PACKAGES, TEST_PACKAGES } from './prerequisites.ts';

export const LOCAL_REDIS_PORT = 6390;

// Everything `up` and `test` share: host packages, the sandbox engine, images, generated client.
export async function prepareHost(opts: { forTests: boolean }): Promise<void> {
  await ensurePrerequisites(opts.forTests ? [...RUNTIME_PACKAGES, ...TEST_PACKAGES] : RUNTIME_PACKAGES);
  await provisionWorkerHost(); // the sandbox engine, then the images: only what changed since the last build
  await generatePrismaClient();
}

// Skipped when both generated clients are newer than the schema.
export async function generatePrismaClient(): Promise<void> {
  const mtime = (p: string) =>
    fs.stat(p).then(
      (s) => s.mtimeMs,
      () => 0,
    );
  const schema = await mtime('prisma/schema.prisma');
  const clients = await Promise.all(
    ['sqlite', 'postgresql'].map((p) => mtime(`prisma/generated/${p}/client.ts`)),
  );
  if (clients.every((m) => m > schema)) return;
  await step('Generating the Prisma client', () => sh('npm', ['run', '--silent', 'db:generate']));
}

// The environment handed to the agent and web processes of `./berth up` (each parses its own config).
export async function runtimeEnv(): Promise<NodeJS.ProcessEnv> {
  const base = loadConfig();
  const home = base.BERTH_HOME;
  const secrets = await ensureLocalSecrets(home);
  const redisUrl = process.env.REDIS_URL ?? (await startLocalRedis(home, LOCAL_REDIS_PORT));
  return {
    ...process.env,
    ...secrets,
    BERTH_HOME: home,
    REDIS_URL: redisUrl,
    DATABASE_URL: process.env.DATABASE_URL ?? `file:${path.join(home, 'berth.db')}`,
    NEXT_TELEMETRY_DISABLED: '1',
  };
}
