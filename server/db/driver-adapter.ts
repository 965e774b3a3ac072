import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PrismaBetterSqlite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { z } from 'zod';
import { providerOfUrl } from './provider-schema.ts';

// One place that turns a DATABASE_URL into a Prisma driver adapter factory; both
// the runtime client (client.ts) and the migration engine (migrate.ts) use it, so
// they always talk to the same database in the same way.

/** file:/abs/path.db or file:relative.db (relative to the cwd, as Prisma does). */
export function sqlitePath(url: string): string {
  return path.resolve(url.replace(/^file:/, '').replace(/\?.*$/, ''));
}

/**
 * A pg client that describes PostgreSQL's internal one-byte "char" type (OID 18)
 * as text. The migration engine reads catalog columns of that type (pg_class.relkind
 * and friends) and adapter-pg 7.10 rejects it as an unsupported column type; its
 * text form is simply a one-character string. Application tables never use it.
 */
class CatalogCharAsTextClient extends pg.Client {
  _handleRowDescription(msg: { fields: { dataTypeID: number }[] }): void {
    for (const field of msg.fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    // @ts-expect-error pg's message handler is internal (not in @types/pg) but stable across pg 8.
    super._handleRowDescription(msg);
  }
}
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

const sslModes = z.enum(['disable', 'prefer', 'require', 'verify-ca', 'verify-full']);

/**
 * Connection fields of a postgres:// URL, passed to pg one by one. Never hand pg a
 * connectionString: adapter-pg derives the migration shadow database by overriding
 * `database`, and a connectionString would silently win over it, turning the
 * "shadow" database into the real one.
 */
export function pgConfig(url: string): pg.PoolConfig {
  const u = new URL(url);
  const params = Object.fromEntries(u.searchParams);
  const { sslmode } = z.object({ sslmode: sslModes.optional() }).strict().parse(params);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: decodeURIComponent(u.password) || undefined,
    database: database || undefined,
    ssl:
      sslmode === 'require'
        ? { rejectUnauthorized: false }
        : sslmode?.startsWith('verify')
          ? true
          : undefined,
    // Kept by adapter-pg's `{ ...config, database }` too, so shadow databases get it.
    Client: CatalogCharAsTextClient,
  };
}

export function createAdapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (providerOfUrl(url) === 'sqlite') {
    const file = sqlitePath(url);
    // First run: BERTH_HOME may not exist yet and SQLite will not create parent dirs.
    mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSqlite3({ url: file });
  }
  return new PgAdapterFactory(pgConfig(url));
}

/** The adapter with some methods replaced; the rest stay bound to it (they use #private fields). */
export function overrideAdapter(
  adapter: SqlDriverAdapter,
  overrides: Partial<SqlDriverAdapter>,
): SqlDriverAdapter {
  return new Proxy(adapter, {
    get(target, prop) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof SqlDriverAdapter];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * adapter-pg, with its own shadow database for the migration engine. adapter-pg
 * 7.10's version drops the shadow database while its own pool still holds a
 * connection to it (so the DROP fails and the database leaks), and leaves that
 * pool without an error listener (so a server restart crashes the process).
 */
class PgAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = 'postgres';
  readonly adapterName: string;
  readonly #pg: PrismaPg;

  constructor(readonly config: pg.PoolConfig) {
    this.#pg = new PrismaPg(config);
    this.adapterName = this.#pg.adapterName;
  }

  connect(): Promise<SqlDriverAdapter> {
    return this.#pg.connect();
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const admin = await this.#pg.connect();
    const database = `berth_shadow_${randomUUID().replaceAll('-', '')}`;
    let shadow: SqlDriverAdapter;
    try {
      await admin.executeScript(`CREATE DATABASE "${database}"`);
      shadow = await new PrismaPg({ ...this.config, database }).connect();
    } catch (err) {
      await admin.dispose();
      throw err;
    }
    let disposed: Promise<void> | undefined;
    const dispose = () => {
      disposed ??= (async () => {
        await shadow.dispose();
        // FORCE (PostgreSQL 13+) also ends any session the engine left behind.
        await admin.executeScript(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
        await admin.dispose();
      })();
      return disposed;
    };
    return overrideAdapter(shadow, { dispose });
  }
}
