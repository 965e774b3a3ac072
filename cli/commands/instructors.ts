import { existsSync } from 'node:fs';
import { z } from 'zod';
import { instructorPasswordSchema, loginBodySchema } from '../../contract/classrooms.ts';
import { addInstructor } from '../../server/auth/add-instructor.ts';
import { closeDb, databaseUrl } from '../../server/db/client.ts';
import { CliError } from '../cli-error.ts';

// `./berth instructors add <email> --password-stdin`: an instructor account in the web server's database
// (run it where the web server runs, with the same DATABASE_URL). The password only ever comes from stdin,
// never argv (which other users of the host can read in `ps`); without the flag this refuses and says how.
export const instructorsUsage = 'instructors add <email> --password-stdin';

const args = z.tuple([z.literal('add'), loginBodySchema.shape.email, z.literal('--password-stdin')]);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function runInstructors(argv: string[]): Promise<number> {
  if (argv[0] === 'add' && argv.length === 2)
    throw new CliError(
      `give the password on standard input, never as an argument:\n  printf '%s' "$PASSWORD" | ./berth instructors add ${argv[1]} --password-stdin`,
    );
  const parsed = args.safeParse(argv);
  if (!parsed.success) throw new CliError(`usage: ./berth ${instructorsUsage}`);
  const [, email] = parsed.data;
  const password = instructorPasswordSchema.safeParse(await readStdin());
  if (!password.success) throw new CliError(password.error.issues[0]?.message ?? 'invalid password');
  const url = databaseUrl();
  if (url.startsWith('file:') && !existsSync(url.slice('file:'.length)))
    throw new CliError(`no database at ${url}: run ./berth up first (or set BERTH_HOME / DATABASE_URL)`);
  try {
    const outcome = await addInstructor(email, password.data);
    process.stdout.write(
      outcome === 'created'
        ? `instructor ${email} added: sign in at /api/auth/login\n`
        : `instructor ${email}: password changed, their sessions ended\n`,
    );
    return 0;
  } finally {
    await closeDb();
  }
}
