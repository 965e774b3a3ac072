import { buildImages } from '../build-images.ts';
import { ensurePrerequisites, RUNTIME_PACKAGES } from '../prerequisites.ts';
import { ensureSandboxEngine } from '../sandbox-engine.ts';

export async function runImages(args: string[]): Promise<number> {
  await ensurePrerequisites(RUNTIME_PACKAGES);
  await ensureSandboxEngine();
  await buildImages({ force: args.includes('--force') });
  process.stdout.write('Sandbox images are ready.\n');
  return 0;
}
