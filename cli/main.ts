import { existsSync } from 'node:fs';
import { HostError } from '../sandbox-agent/src/host/index.ts';
import { CliError } from './cli-error.ts';

// Commands are imported when they run: on a fresh clone the generated Prisma client does not exist until
// `up`/`test` have generated it, so nothing that reaches the database may load before then.
// `./berth <command>`: see README "Command line".
const usage = `usage: ./berth <command>

  up                     install what is missing, build images, start Berth on http://localhost:3000
  up --agent             a worker host: engine, images and an agent that registers with BERTH_CONTROL_URL
  down                   stop what up started and remove its sandboxes
  images [--force]       (re)build the sandbox images offline
  test [unit|integration|e2e|lint]...   run the test suites (all by default)
  lessons lint           validate every lesson (file:line errors)
  lessons verify [id…]   fresh sandbox → checks fail → reference solution → checks pass
  lessons new <ch>/<l>   scaffold a lesson in both languages that lint and verify accept
  agents list | drain <id> | undrain <id> | forget <id>
                         worker hosts: list them, stop/resume placing sandboxes on one, remove a dead one
  instructors add <email> [--password-stdin]
                         an instructor account: password read from stdin (again = change it), or
                         without the flag a one-time link (24 h) where they set it themselves
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return rest[0] === '--agent'
        ? (await import('./commands/up-agent.ts')).runUpAgent()
        : (await import('./commands/up.ts')).runUp();
    case 'down':
      return (await import('./commands/down.ts')).runDown();
    case 'images':
      return (await import('./commands/images.ts')).runImages(rest);
    case 'test':
      return (await import('./commands/test.ts')).runTest(rest);
    case 'lessons':
      return (await import('./commands/lessons.ts')).runLessons(rest);
    case 'agents':
      if (!existsSync('prisma/generated/sqlite/client.ts')) {
        throw new CliError('no Berth database here yet: run ./berth up first.');
      }
      return (await import('./commands/agents.ts')).runAgents(rest);
    case 'instructors':
      if (!existsSync('prisma/generated/sqlite/client.ts')) {
        throw new CliError('no Berth database here yet: run ./berth up first.');
      }
      return (await import('./commands/instructors.ts')).runInstructors(rest);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage);
      return command ? 0 : 1;
    default:
      process.stderr.write(`berth: unknown command "${command}"\n\n${usage}`);
      return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e) => {
    if (e instanceof CliError || e instanceof HostError) process.stderr.write(`\nberth: ${e.message}\n`);
    else
      process.stderr.write(`\nberth: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : e}\n`);
    process.exit(1);
  },
);
