import { existsSync } from 'node:fs';
import { z } from 'zod';
import { instructorPasswordSchema, loginBodySchema } from '../../contract/classrooms.ts';
import { SETUP_LINK_HOURS } from '../../contract/instructor-setup.ts';
import { addInstructor } from '../../server/auth/add-instructor.ts';
import { issueSetupLink } from '../../server/auth/issue-setup-link.ts';
import { config } from '../../server/config.ts';
import { closeDb, databaseUrl } from '../../server/db/client.ts';
import { CliError } from '../cli-error.ts';

// `./berth instructors add <email> [--password-stdin]`: an instructor account in the web server's database
// (run it where the web server runs, with the same DATABASE_URL). The password only ever comes from stdin,
// never argv (which other users of the host can read in `ps`); without the flag the instructor gets a
// one-time setup link (/setup/<token>, 24 h) to choose it themselves.
export const instructorsUsage = 'instructors add <email> [--password-stdin]';

const args = z.union([
  z.tuple([z.literal('add'), loginBodySchema.shape.email, z.literal('--password-stdin')]),
  z.tuple([z.literal('add'), loginBodySchema.shape.email]),
]);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export async function runInstructors(argv: string[]): Promise<number> {
  const parsed = args.safeParse(argv);
  if (!parsed.success) throw new CliError(`usage: ./berth ${instructorsUsage}`);
  const [, email, fromStdin] = parsed.data;
  const password = fromStdin ? instructorPasswordSchema.safeParse(await readStdin()) : undefined;
  if (password && !password.success)
    throw new CliError(password.error.issues[0]?.message ?? 'invalid password');
  const url = databaseUrl();
  if (url.startsWith('file:') && !existsSync(url.slice('file:'.length)))
    throw new CliError(`no database at ${url}: run ./berth up first (or set BERTH_HOME / DATABASE_URL)`);
  try {
    if (!password) {
      const link = await issueSetupLink(email);
      const base = config().BERTH_PUBLIC_URL ?? `http://localhost:${config().PORT}`;
      process.stdout.write(
        `instructor ${email} ${link.outcome === 'created' ? 'added' : 'exists'}: send them this link to set their password` +
          ` (it works once, for ${SETUP_LINK_HOURS} hours; a new one replaces it):\n  ${base}/setup/${link.token}\n`,
      );
      return 0;
    }
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
