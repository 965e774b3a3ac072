import { loadConfig } from '../../config.ts';
import { stopBackground } from '../background-process.ts';
import { stopLocalRedis } from '../local-redis.ts';
import { step } from '../progress.ts';
import { removeAllSandboxes } from '../remove-all-sandboxes.ts';
import { stopSandboxEngine } from '../sandbox-engine.ts';

export async function runDown(): Promise<number> {
  const home = loadConfig().BERTH_HOME;
  await step('Stopping the web server', () => stopBackground(home, 'web'));
  await step('Stopping the sandbox agent', () => stopBackground(home, 'agent'));
  const removed = await step('Removing sandboxes', () => removeAllSandboxes(home));
  process.stdout.write(`  removed ${removed} sandbox container(s)\n`);
  await step('Stopping redis', () => stopLocalRedis(home));
  await step('Stopping the sandbox engine', () => stopSandboxEngine());
  process.stdout.write('Berth is stopped.\n');
  return 0;
}
