import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

// Secrets generated once per install and kept in BERTH_HOME (mode 600) unless given in the environment.
const secretsSchema = z.object({ BERTH_AGENT_TOKEN: z.string().min(16) });

export async function ensureLocalSecrets(home: string): Promise<z.infer<typeof secretsSchema>> {
  const file = path.join(home, 'secrets.json');
  let stored: Partial<z.infer<typeof secretsSchema>> = {};
  try {
    stored = secretsSchema.parse(JSON.parse(await fs.readFile(file, 'utf8')));
  } catch {
    stored = {};
  }
  const secrets = {
    BERTH_AGENT_TOKEN:
      process.env.BERTH_AGENT_TOKEN ?? stored.BERTH_AGENT_TOKEN ?? randomBytes(32).toString('hex'),
  };
  await fs.mkdir(home, { recursive: true, mode: 0o700 });
  await fs.writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
