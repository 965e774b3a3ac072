/**
 * Offline database migrations.
 *
 *   tsx server/db/migrate.ts deploy          apply pending migrations to DATABASE_URL
 *                                            (default: SQLite at $BERTH_HOME/berth.db)
 *   tsx server/db/migrate.ts create <name>   write a new migration for EVERY provider
 *                                            from changes to prisma/schema.prisma
 *
 * Why not `prisma migrate`: every Prisma 7 migrate/db command downloads a native
 * schema engine from a host this project cannot reach. We drive the official wasm
 * build of that same engine (@prisma/schema-engine-wasm, pinned to the engine hash
 * of our @prisma/client) through Prisma's own driver adapters. Migration folders,
 * migration_lock.toml and the _prisma_migrations table are the standard ones.
 *
 * Layout: prisma/migrations/sqlite/<timestamp>_<name>/migration.sql and
 * prisma/migrations/postgresql/<same folder name>/migration.sql. The SQL differs per
 * database, so each provider keeps its own history; both are generated from the one
 * prisma/schema.prisma (see provider-schema.ts) and `create` always writes both with
 * the same folder name, so the two histories advance in lockstep.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MigrationList } from '@prisma/schema-engine-wasm';
import { z } from 'zod';
import { databaseUrl } from './database-url.ts';
import { createAdapterFactory } from './driver-adapter.ts';
import { migrationsDirFor, type Provider, providerOfUrl, providers, schemaFor } from './provider-schema.ts';
import { openSchemaEngine } from './schema-engine.ts';

/** The migrations folder as the engine wants it: every migration's SQL already read from disk. */
async function readMigrations(provider: Provider): Promise<MigrationList> {
  const baseDir = migrationsDirFor(provider);
  const lockPath = 'migration_lock.toml';
  const lockContent = await readFile(path.join(baseDir, lockPath), 'utf8').catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const migrationDirectories = await Promise.all(
    dirs.map(async (dir) => ({
      path: dir,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(baseDir, dir, 'migration.sql'), 'utf8').then(
          (value) => ({ tag: 'ok' as const, value }),
          (err: Error) => ({ tag: 'error' as const, value: err.message }),
        ),
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: lockPath, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

const noFilters = { externalTables: [], externalEnums: [] };

/** Apply every pending migration of the URL's provider. Idempotent: a second run applies nothing. */
export async function migrateDatabase(url: string): Promise<{ applied: string[] }> {
  const provider = providerOfUrl(url);
  const engine = await openSchemaEngine(createAdapterFactory(url), schemaFor(provider));
  let applied: string[];
  try {
    const migrationsList = await readMigrations(provider);
    applied = (await engine.applyMigrations({ migrationsList, filters: noFilters })).appliedMigrationNames;
  } finally {
    await engine.close(); // first: the engine holds SQLite in exclusive locking mode
  }
  if (provider === 'sqlite') await enableWriteAheadLog(url);
  return { applied };
}

/**
 * WAL lets the web server, queue workers and CLI read while one of them writes,
 * instead of failing with SQLITE_BUSY. The mode is stored in the database file,
 * so setting it here, once per deploy, covers every later connection.
 */
async function enableWriteAheadLog(url: string): Promise<void> {
  const conn = await createAdapterFactory(url).connect();
  try {
    await conn.executeScript('PRAGMA journal_mode = WAL');
  } finally {
    await conn.dispose();
  }
}

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14); // YYYYMMDDHHMMSS, Prisma's folder prefix
}

const migrationName = z
  .string()
  .regex(/^[a-z0-9_]+$/, 'use lowercase letters, digits and _ (e.g. add_classrooms)');

/**
 * Diff prisma/schema.prisma against the existing history on a scratch database of
 * each provider (a temp SQLite file; a throwaway PostgreSQL cluster) and write the
 * resulting migration. Returns the providers that got a migration (none if no change).
 */
export async function createMigrations(name: string): Promise<{ folder: string; providers: Provider[] }> {
  const folder = `${timestamp()}_${migrationName.parse(name)}`;
  // Compute every provider's script before writing any, so a failure (say, no
  // PostgreSQL installed) never leaves one history a migration ahead of the other.
  const scripts = [];
  for (const provider of providers) scripts.push(await diffSchemaAgainstHistory(provider, name));
  const written: Provider[] = [];
  for (const { provider, baseDir, out } of scripts) {
    if (out.migrationScript === null) continue;
    await mkdir(path.join(baseDir, folder), { recursive: true });
    await writeFile(path.join(baseDir, folder, `migration.${out.extension}`), out.migrationScript);
    await writeFile(
      path.join(baseDir, 'migration_lock.toml'),
      `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${out.connectorType}"\n`,
    );
    written.push(provider);
  }
  return { folder, providers: written };
}

async function diffSchemaAgainstHistory(provider: Provider, name: string) {
  const scratch = await startScratchDatabase(provider);
  try {
    const engine = await openSchemaEngine(createAdapterFactory(scratch.url), schemaFor(provider));
    try {
      const migrationsList = await readMigrations(provider);
      // Bring the scratch DB up to the history, then let devDiagnostic replay that history
      // on a shadow database: it caches the result, and createMigration (which cannot reach
      // a shadow database itself in the wasm engine) diffs the schema against that cache.
      await engine.applyMigrations({ migrationsList, filters: noFilters });
      const { action } = await engine.devDiagnostic({ migrationsList, filters: noFilters });
      if (action.tag === 'reset')
        throw new Error(`${provider} migration history is inconsistent: ${action.reason}`);
      const out = await engine.createMigration({
        draft: false,
        migrationName: name,
        migrationsList,
        schema: { files: [{ path: 'schema.prisma', content: schemaFor(provider) }] },
        filters: noFilters,
      });
      return { provider, baseDir: migrationsList.baseDir, out };
    } finally {
      await engine.close();
    }
  } finally {
    await scratch.stop();
  }
}

async function startScratchDatabase(provider: Provider): Promise<{ url: string; stop(): Promise<void> }> {
  if (provider === 'postgresql') {
    // Dev-time only: the same throwaway cluster the tests use, so `create` needs no running server.
    const { startPostgres } = await import('../../test/support/postgres.ts');
    return startPostgres();
  }
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-migrate-'));
  return {
    url: `file:${path.join(dir, 'scratch.db')}`,
    stop: () => rm(dir, { recursive: true, force: true }),
  };
}

const cliArgs = z.union([z.tuple([z.literal('deploy')]), z.tuple([z.literal('create'), migrationName])]);

async function main(argv: string[]): Promise<void> {
  const parsed = cliArgs.safeParse(argv);
  if (!parsed.success) {
    console.error('usage: tsx server/db/migrate.ts deploy | create <name>');
    process.exitCode = 2;
    return;
  }
  const [command, name] = parsed.data;
  if (command === 'deploy') {
    const url = databaseUrl();
    const { applied } = await migrateDatabase(url);
    console.log(
      `${providerOfUrl(url)}: ${applied.length ? `applied ${applied.join(', ')}` : 'already up to date'}`,
    );
    return;
  }
  const { folder, providers: written } = await createMigrations(name);
  console.log(
    written.length ? `created ${folder} for ${written.join(', ')}` : 'schema unchanged: no migration created',
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exitCode = 1;
  });
}
