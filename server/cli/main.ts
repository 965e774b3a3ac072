import { agentsUsage, runAgents } from './commands/agents.ts';
import { runDown } from './commands/down.ts';
import { runImages } from './commands/images.ts';
import { runLessons } from './commands/lessons.ts';
import { runTest } from './commands/test.ts';
import { runUp } from './commands/up.ts';
import { runUpAgent } from './commands/up-agent.ts';
import { CliError } from './progress.ts';

// `./berth <command>`: see README "Command line".
const usage = `usage: ./berth <command>

  up                     install what is missing, build images, start Berth on http://localhost:3000
  up --agent             a worker host: engine, images and an agent that registers with BERTH_CONTROL_URL
  down                   stop what up started and remove its sandboxes
  images [--force]       (re)build the sandbox images offline
  test [unit|integration|e2e|lint]...   run the test suites (all by default)
  lessons lint           validate every lesson (file:line errors)
  lessons verify [id…]   fresh sandbox → checks fail → reference solution → checks pass
  ${agentsUsage}
                         worker hosts: list them, stop/resume placing sandboxes on one, remove a dead one
`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'up':
      return rest[0] === '--agent' ? runUpAgent() : runUp();
    case 'down':
      return runDown();
    case 'images':
      return runImages(rest);
    case 'test':
      return runTest(rest);
    case 'lessons':
      return runLessons(rest);
    case 'agents':
      return runAgents(rest);
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
    if (e instanceof CliError) process.stderr.write(`\nberth: ${e.message}\n`);
    else
      process.stderr.write(`\nberth: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : e}\n`);
    process.exit(1);
  },
);
