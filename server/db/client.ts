import { PrismaClient as PostgresPrismaClient } from '../../prisma/generated/postgresql/client.ts';
import { PrismaClient } from '../../prisma/generated/sqlite/client.ts';
import { databaseUrl } from './database-url.ts';
import { createAdapterFactory } from './driver-adapter.ts';
import { providerOfUrl } from './provider-schema.ts';

export type {
  Agent,
  CheckRun,
  Classroom,
  Sandbox,
  Session,
  User,
} from '../../prisma/generated/sqlite/client.ts';
// Prisma.PrismaClientKnownRequestError & co. come from the runtime both clients share,
// so `instanceof` checks against this namespace hold for PostgreSQL errors too.
export { Prisma } from '../../prisma/generated/sqlite/client.ts';
// The application's database handle. Import types from here, never from
// prisma/generated/ (which exists only after `npm run db:generate`).
//
// Both generated clients come from the same models, so one type serves both; it is
// the SQLite client's type, the stricter of the two (PostgreSQL-only query options
// such as `mode: 'insensitive'` do not type-check, so code stays portable).
export type { PrismaClient };
export { databaseUrl };

/** A new client for an explicit URL (tests, tools). The caller owns it: `await c.$disconnect()`. */
export function createDbClient(url: string): PrismaClient {
  const adapter = createAdapterFactory(url);
  if (providerOfUrl(url) === 'sqlite') return new PrismaClient({ adapter });
  // Same models, same API; only the provider baked into the generated code differs.
  return new PostgresPrismaClient({ adapter }) as unknown as PrismaClient;
}

// Kept on globalThis, not in a module variable: Next.js bundles route handlers into
// their own module graph (and re-evaluates it on every dev reload), and all of them
// must share the custom server's one client instead of each opening a pool.
const slot = Symbol.for('berth.db.client');
type Slot = { [slot]?: PrismaClient };

/** The process-wide client for databaseUrl(), created on first use. */
export function db(): PrismaClient {
  const g = globalThis as Slot;
  g[slot] ??= createDbClient(databaseUrl());
  return g[slot];
}

/** Disconnect the process-wide client (shutdown, end of tests); the next db() reconnects. */
export async function closeDb(): Promise<void> {
  const g = globalThis as Slot;
  const client = g[slot];
  g[slot] = undefined;
  await client?.$disconnect();
}
