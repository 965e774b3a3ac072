import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sh, step } from '../sandbox-agent/src/host/index.ts';
import { copyMonacoAssets } from './copy-monaco-assets.ts';

// `next build` only when the sources it bundles changed since the last build.
const SOURCES = [
  'app',
  'components',
  'contract',
  'server',
  'lessons',
  'sandbox-agent/src',
  'next.config.js',
  'package-lock.json',
];

async function walk(p: string, out: string[]): Promise<void> {
  const st = await fs.stat(p).catch(() => undefined);
  if (!st) return;
  if (st.isDirectory()) {
    for (const n of await fs.readdir(p)) await walk(path.join(p, n), out);
  } else out.push(`${p}:${st.size}:${st.mtimeMs}`);
}

async function sourcesHash(): Promise<string> {
  const out: string[] = [];
  for (const s of SOURCES) await walk(s, out);
  return createHash('sha256').update(out.sort().join('\n')).digest('hex');
}

export async function ensureWebBuild(env: NodeJS.ProcessEnv): Promise<void> {
  // Before the up-to-date check: public/monaco is gitignored, so a fresh clone needs it even with a build.
  await copyMonacoAssets();
  const stamp = path.join('.next', 'berth-sources.sha256');
  const hash = await sourcesHash();
  const built = await fs.readFile(stamp, 'utf8').catch(() => '');
  const hasBuild = await fs.stat(path.join('.next', 'BUILD_ID')).then(
    () => true,
    () => false,
  );
  if (hasBuild && built === hash) return;
  await step('Building the web app (next build)', () => sh('npx', ['next', 'build'], { env }));
  await fs.writeFile(stamp, hash);
}
