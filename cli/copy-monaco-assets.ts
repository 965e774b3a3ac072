import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// The editor loads monaco from our own origin (/monaco/vs), never a CDN: copy the package's prebuilt
// AMD build into public/ (gitignored) before `next build` / `next dev`. Skipped when already current.
export async function copyMonacoAssets(root = process.cwd()): Promise<void> {
  const pkg = path.join(root, 'node_modules', 'monaco-editor');
  const { version } = JSON.parse(await fs.readFile(path.join(pkg, 'package.json'), 'utf8')) as {
    version: string;
  };
  const dest = path.join(root, 'public', 'monaco');
  const stamp = path.join(dest, 'version');
  if ((await fs.readFile(stamp, 'utf8').catch(() => '')) === version) return;
  await fs.rm(dest, { recursive: true, force: true });
  await fs.mkdir(dest, { recursive: true });
  await fs.cp(path.join(pkg, 'min', 'vs'), path.join(dest, 'vs'), { recursive: true });
  await fs.writeFile(stamp, version);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await copyMonacoAssets();
}
