import path from 'node:path';
import { config } from '../config.ts';

/** DATABASE_URL, or the embedded SQLite database inside BERTH_HOME (default <cwd>/.berth). */
export function databaseUrl(): string {
  const c = config();
  return c.DATABASE_URL ?? `file:${path.join(c.BERTH_HOME, 'berth.db')}`;
}
