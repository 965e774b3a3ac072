import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

// Which database a URL points at, and the Prisma schema for that database.
//
// prisma/schema.prisma is written once, for SQLite. The PostgreSQL variant is the
// same text with the datasource provider (and the generated client's output dir)
// rewritten. We derive instead of keeping two schema files because two copies
// drift; the price is that the schema may use only features both providers share
// (String for JSON, no native enums), which Berth's data needs anyway.

export const providers = ['sqlite', 'postgresql'] as const;
export const providerSchema = z.enum(providers);
export type Provider = z.infer<typeof providerSchema>;

/** Repository root (two levels above server/db/), independent of the caller's cwd. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const prismaDir = path.join(repoRoot, 'prisma');
export const schemaPath = path.join(prismaDir, 'schema.prisma');

/** prisma/migrations/<provider>: each provider keeps its own history and migration_lock.toml. */
export function migrationsDirFor(provider: Provider): string {
  return path.join(prismaDir, 'migrations', provider);
}

const databaseUrlSchema = z
  .string()
  .refine(
    (u) => /^(file:|postgres(ql)?:\/\/)/.test(u),
    'DATABASE_URL must start with file:, postgres:// or postgresql://',
  );

export function providerOfUrl(url: string): Provider {
  return databaseUrlSchema.parse(url).startsWith('file:') ? 'sqlite' : 'postgresql';
}

const providerLine = /^(\s*provider\s*=\s*)"sqlite"(\s*)$/m;
const outputLine = /^(\s*output\s*=\s*)"[^"]*"(\s*)$/m;

/**
 * The schema text for one provider. The generated client also goes to a
 * per-provider folder: a Prisma 7 client refuses a driver adapter of another
 * provider, so SQLite and PostgreSQL each need their own generated client.
 */
export function schemaFor(provider: Provider, source = readFileSync(schemaPath, 'utf8')): string {
  if (!providerLine.test(source) || !outputLine.test(source)) {
    throw new Error(
      `${schemaPath}: expected one 'provider = "sqlite"' datasource line and one generator 'output' line`,
    );
  }
  const outputDir = path.join(prismaDir, 'generated', provider);
  return source
    .replace(providerLine, `$1"${provider}"$2`)
    .replace(outputLine, `$1${JSON.stringify(outputDir)}$2`);
}
