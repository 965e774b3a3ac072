/**
 * Generate the Prisma clients, offline:  npm run db:generate  (= tsx server/db/generate.ts)
 *
 * Writes prisma/generated/sqlite/ and prisma/generated/postgresql/ (gitignored) from
 * the one prisma/schema.prisma. Two clients because a Prisma 7 client only accepts
 * a driver adapter of the provider it was generated for (see provider-schema.ts).
 *
 * `prisma generate` never runs the schema engine binary, but it insists on finding
 * one, and the package that would download it is denied its install script (the
 * download host is unreachable). Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing
 * file satisfies the check, so this works from a fresh clone right after `npm ci`.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Provider, providers, repoRoot, schemaFor } from './provider-schema.ts';

const prismaCli = path.join(
  path.dirname(createRequire(import.meta.url).resolve('prisma/package.json')),
  'build/index.js',
);

function runPrismaGenerate(schemaFile: string): Promise<void> {
  const env = {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: existsSync('/bin/true') ? '/bin/true' : process.execPath,
    // Nothing may leave the machine: no version check / telemetry ping, no update banner.
    CHECKPOINT_DISABLE: '1',
    PRISMA_HIDE_UPDATE_MESSAGE: '1',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, 'generate', '--schema', schemaFile], {
      cwd: repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d));
    child.stderr.on('data', (d: Buffer) => (output += d));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`prisma generate failed (exit ${code}):\n${output}`)),
    );
  });
}

export async function generateClients(): Promise<Provider[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'berth-generate-'));
  try {
    // The derived schemas carry an absolute output path, so where they sit does not matter.
    await Promise.all(
      providers.map(async (provider) => {
        const file = path.join(dir, `${provider}.prisma`);
        await writeFile(file, schemaFor(provider));
        await runPrismaGenerate(file);
      }),
    );
    return [...providers];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  generateClients().then(
    (done) => console.log(`generated Prisma clients for ${done.join(', ')} in prisma/generated/`),
    (err: unknown) => {
      console.error(err instanceof Error ? err.message : err);
      process.exitCode = 1;
    },
  );
}
