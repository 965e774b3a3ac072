import { removeHostSandboxes, step, stopSandboxEngine } from '../../sandbox-agent/src/host/index.ts';
import { loadConfig } from '../../server/config.ts';
import { stopBackground } from '../background-process.ts';
import { stopLocalRedis } from '../local-redis.ts';

export async function runDown(): Promise<number> {
  const home = loadConfig().BERTH_HOME;
  await step('Stopping the web server', () => stopBackground(home, 'web'));
  await step('Stopping the sandbox agent', () => stopBackground(home, 'agent'));
  const removed = await step('Removing sandboxes', () => removeHostSandboxes());
  process.stdout.write(`  removed ${removed} sandbox container(s)\n`);
  await step('Stopping redis', () => stopLocalRedis(home));
  await step('Stopping the sandbox engine', () => stopSandboxEngine());
  process.stdout.write('Berth is stopped.\n');
  return 0;
}
