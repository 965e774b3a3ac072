import { execFile, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, rmSync } from 'node:fs';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.ts';

// A throwaway PostgreSQL 15 for tests (and for `migrate.ts create`): its own
// cluster in a temp dir, listening only on 127.0.0.1 at a free port, gone after stop().

const run = promisify(execFile);

export const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

export function postgresAvailable(): boolean {
  return existsSync(path.join(POSTGRES_BIN, 'initdb'));
}

export interface RunningPostgres {
  /** postgresql://berth:<password>@127.0.0.1:<port>/berth — a fresh, empty database. */
  url: string;
  stop(): Promise<void>;
}

// The server refuses to run as root, so when we are root every pg binary runs as
// the `postgres` OS user (Debian's package creates it) on a dir that user owns.
const asRoot = process.getuid?.() === 0;

function pgCommand(bin: string, args: string[]): [string, string[]] {
  const file = path.join(POSTGRES_BIN, bin);
  return asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
}

async function pgBin(bin: string, args: string[]): Promise<void> {
  const [cmd, argv] = pgCommand(bin, args);
  try {
    await run(cmd, argv, { timeout: 60_000 });
  } catch (err) {
    const e = err as { stderr?: string; stdout?: string; message: string };
    throw new Error(`${bin} failed: ${e.message}\n${e.stdout ?? ''}${e.stderr ?? ''}`);
  }
}

export async function startPostgres(): Promise<RunningPostgres> {
  if (!postgresAvailable())
    throw new Error(`PostgreSQL 15 is not installed (${POSTGRES_BIN}/initdb missing)`);
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-pg-'));
  const dataDir = path.join(dir, 'data');
  const password = randomBytes(12).toString('hex');
  const pwFile = path.join(dir, 'pw');
  await writeFile(pwFile, `${password}\n`, { mode: 0o600 });
  if (asRoot) {
    const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
    const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
    await chown(dir, uid, gid);
    await chown(pwFile, uid, gid);
  }
  await chmod(dir, 0o700);

  let started = false;
  // If the test process dies without calling stop() (uncaught error, process.exit),
  // still take the cluster down: a leftover postmaster would outlive every test run.
  const stopOnExit = () => {
    if (started) {
      const [cmd, argv] = pgCommand('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']);
      spawnSync(cmd, argv, { stdio: 'ignore', timeout: 10_000 });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('exit', stopOnExit);
  const stop = async (): Promise<void> => {
    process.removeListener('exit', stopOnExit);
    if (started) await pgBin('pg_ctl', ['stop', '-D', dataDir, '-m', 'immediate', '-w']).catch(() => {});
    started = false;
    await rm(dir, { recursive: true, force: true });
  };

  try {
    // Password auth over TCP so clients exercise the same path as a real deployment.
    await pgBin('initdb', [
      '-D',
      dataDir,
      '-U',
      'berth',
      `--pwfile=${pwFile}`,
      '--auth-host=scram-sha-256',
      '--auth-local=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    // A port picked then bound by postgres can be stolen in between: retry a few times.
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const opts = `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
      try {
        await pgBin('pg_ctl', [
          'start',
          '-D',
          dataDir,
          '-w',
          '-t',
          '30',
          '-l',
          path.join(dir, 'log'),
          '-o',
          opts,
        ]);
        started = true;
        const admin = new pg.Client({
          host: '127.0.0.1',
          port,
          user: 'berth',
          password,
          database: 'postgres',
        });
        await admin.connect();
        try {
          await admin.query('CREATE DATABASE berth');
        } finally {
          await admin.end();
        }
        return { url: `postgresql://berth:${password}@127.0.0.1:${port}/berth`, stop };
      } catch (err) {
        if (started || attempt >= 3) throw err;
      }
    }
  } catch (err) {
    await stop();
    throw err;
  }
}
