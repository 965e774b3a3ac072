import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
} from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';
import * as bindings from '@prisma/schema-engine-wasm/schema_engine_bg';
import { overrideAdapter } from './driver-adapter.ts';

// Prisma's schema engine compiled to wasm, talking to the database through a
// Prisma driver adapter instead of its own native drivers (which need a download).

// The package's entry does `import * as wasm from "./x.wasm"`, which Node 20 only
// supports behind a flag; so we instantiate the module ourselves, exactly as that
// entry would, once per process.
let ready: Promise<void> | undefined;
function loadWasm(): Promise<void> {
  ready ??= (async () => {
    const glue = createRequire(import.meta.url).resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bytes = await readFile(path.join(path.dirname(glue), 'schema_engine_bg.wasm'));
    const { instance } = await WebAssembly.instantiate(bytes, {
      './schema_engine_bg.js': withUnrefTimers(bindings),
    });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return ready;
}

/**
 * The engine arms a 10 s setTimeout around operations such as taking PostgreSQL's
 * migration lock and never clears it, which kept every `migrate` process (and test
 * file) alive 10 s after its work was done. Unref'd, the timer still fires while
 * the engine is busy (its open connections keep the process alive) but no longer
 * holds an idle process open.
 */
function withUnrefTimers(glue: typeof bindings): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
  for (const name of Object.keys(imports)) {
    if (!name.startsWith('__wbg_setTimeout_')) continue;
    imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
  }
  return imports;
}

/**
 * Forward every call to the adapter, except multi-statement SQL sent to executeRaw:
 * the engine does that when it replays the migration history on a SQLite shadow
 * database (createMigrations), better-sqlite3 refuses more than one statement in a
 * prepared statement, and executeScript is the adapter's path for whole scripts.
 */
function acceptScripts(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const executeRaw = async (query: SqlQuery): Promise<number> => {
    try {
      return await adapter.executeRaw(query);
    } catch (err) {
      if (query.args.length > 0 || !/more than one statement/i.test(String((err as Error).message ?? err)))
        throw err;
      await adapter.executeScript(query.sql);
      return 0;
    }
  };
  return overrideAdapter(adapter, { executeRaw });
}

/**
 * Connections opened for the engine, closed by us when it is done, whether or not
 * the engine disposed of them (a leftover pg pool would keep the process alive).
 */
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory) {
  const open = new Set<SqlDriverAdapter>();
  const track = async (connect: Promise<SqlDriverAdapter>): Promise<SqlDriverAdapter> => {
    const real = await connect;
    let disposed: Promise<void> | undefined;
    const dispose = () => {
      open.delete(wrapped);
      disposed ??= real.dispose();
      return disposed;
    };
    const wrapped = overrideAdapter(acceptScripts(real), { dispose });
    open.add(wrapped);
    return wrapped;
  };
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => track(factory.connect()),
    connectToShadowDb: () => track(factory.connectToShadowDb()),
  };
  const closeAll = async () => {
    await Promise.allSettled([...open].map((a) => a.dispose()));
  };
  return { tracked, closeAll };
}

export type OpenSchemaEngine = Pick<SchemaEngine, 'applyMigrations' | 'createMigration' | 'devDiagnostic'> & {
  close(): Promise<void>;
};

/** A schema engine on the database behind `factory`, for the given schema text. */
export async function openSchemaEngine(
  factory: SqlMigrationAwareDriverAdapterFactory,
  schema: string,
): Promise<OpenSchemaEngine> {
  await loadWasm();
  const { tracked, closeAll } = trackConnections(factory);
  const bound = bindMigrationAwareSqlAdapterFactory(tracked);
  // The engine reports progress as JSON log lines; callers print their own summary.
  const onLog = (line: string) => {
    if (process.env.BERTH_MIGRATE_DEBUG) console.error(line);
  };
  // Driver errors reach us as "External error id#N"; put the database's own message back.
  const explain = (err: unknown): never => {
    const message = err instanceof Error ? err.message : String(err);
    const id = /External error id#(\d+)/.exec(message)?.[1];
    const cause = id === undefined ? undefined : bound.errorRegistry.consumeError(Number(id))?.error;
    if (cause === undefined) throw err;
    throw new Error(
      `${message}\nCaused by: ${cause instanceof Error ? cause.message : JSON.stringify(cause)}`,
      {
        cause,
      },
    );
  };
  const engine = await bindings.SchemaEngine.new(
    { datamodels: [['schema.prisma', schema]] },
    onLog,
    bound,
  ).catch(async (err: unknown) => {
    await closeAll();
    return explain(err);
  });
  return {
    applyMigrations: (input) => engine.applyMigrations(input).catch(explain),
    createMigration: (input) => engine.createMigration(input).catch(explain),
    devDiagnostic: (input) => engine.devDiagnostic(input).catch(explain),
    close: async () => {
      engine.free();
      await closeAll();
    },
  };
}
