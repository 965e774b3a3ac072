import { provisionWorkerHost } from '../../sandbox-agent/src/host/index.ts';
import { ensurePrerequisites, RUNTIME_PACKAGES } from '../prerequisites.ts';

export async function runImages(args: string[]): Promise<number> {
  await ensurePrerequisites(RUNTIME_PACKAGES);
  await provisionWorkerHost(undefined, { forceImages: args.includes('--force') });
  process.stdout.write('Sandbox images are ready.\n');
  return 0;
}
