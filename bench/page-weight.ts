// The JavaScript a first visit to a lesson page downloads, gzipped: the production build served by
// `next start` on a free port, the page loaded in headless Chromium with no session (so no sandbox and no
// terminal), every script response summed — raw and gzipped the way a server sends it (zlib level 6).
// Budget (issue 8): at most 200 KiB gzipped; monaco and xterm must not be among them.
// Usage: npx tsx bench/page-weight.ts [/lessons/<chapter>/<lesson>] (builds first if the sources changed)
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { waitForHttp } from '../cli/health.ts';
import { ensureWebBuild } from '../cli/web-build.ts';
import { launchChromium } from '../test/support/browser.ts';
import { freePort } from '../test/support/free-port.ts';

const BUDGET_KIB = 200;
const lessonPath = process.argv[2] ?? '/lessons/networking/container-links';

const home = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-weight-'));
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', BERTH_HOME: home };
await ensureWebBuild(env);
const port = await freePort();
const server = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
  env: { ...env, NODE_ENV: 'production' },
  stdio: 'ignore',
  detached: true,
});
const base = `http://127.0.0.1:${port}`;
try {
  if (!(await waitForHttp(`${base}${lessonPath}`, { timeoutMs: 60_000 })))
    throw new Error('next start did not answer');
  const browser = await launchChromium();
  const page = await browser.newPage();
  const scripts: { url: string; raw: number; gzip: number; heavy: boolean }[] = [];
  const pending: Promise<void>[] = [];
  page.on('response', (res) => {
    if (res.request().resourceType() !== 'script') return;
    pending.push(
      res.body().then((body) => {
        const text = body.toString('latin1');
        scripts.push({
          url: new URL(res.url()).pathname,
          raw: body.length,
          gzip: gzipSync(body).length,
          // Class names only xterm's and monaco's own code contain.
          heavy: text.includes('xterm-helper-textarea') || text.includes('monaco-editor-background'),
        });
      }),
    );
  });
  await page.goto(`${base}${lessonPath}`, { waitUntil: 'networkidle' });
  await Promise.all(pending);
  await browser.close();

  const kib = (n: number) => (n / 1024).toFixed(1);
  scripts.sort((a, b) => b.gzip - a.gzip);
  for (const s of scripts)
    console.log(`${kib(s.gzip).padStart(7)} KiB gz ${kib(s.raw).padStart(8)} KiB  ${s.url}`);
  const gzip = scripts.reduce((n, s) => n + s.gzip, 0);
  const raw = scripts.reduce((n, s) => n + s.raw, 0);
  console.log(
    `${lessonPath}: ${scripts.length} scripts, ${kib(gzip)} KiB gzipped (${kib(raw)} KiB raw); budget ${BUDGET_KIB} KiB`,
  );
  const heavy = scripts.filter((s) => s.heavy);
  if (heavy.length)
    console.log(`loaded on first visit but should not be: ${heavy.map((s) => s.url).join(', ')}`);
  if (gzip > BUDGET_KIB * 1024 || heavy.length) process.exitCode = 1;
} finally {
  if (server.pid) process.kill(-server.pid, 'SIGTERM');
  await fs.rm(home, { recursive: true, force: true });
}
