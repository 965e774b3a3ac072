// First-load JavaScript of Berth's pages, gzipped, as a new visitor gets it (no session, no sandbox), and
// whether monaco is part of it (it must load only when the editor opens). Needs a production build.
// Usage: npx tsx bench/page-weight.ts [baseUrl]   (without one it runs `next start` on a free port)
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { waitForHttp } from '../cli/health.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/browser.ts';
import { freePort } from '../test/support/free-port.ts';

const PAGES = ['/', '/lessons/networking/container-links', '/lessons/networking/two-hosts'];
const BUDGET_KIB = 200;

async function startNext(): Promise<{ baseUrl: string; child: ChildProcess; home: string }> {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-weight-'));
  const port = await freePort();
  // No database: pages still render (the session is asked from the browser), which is all this needs.
  // Its own process group: next start runs the server in a child process, which must end with it.
  const child = spawn('npx', ['next', 'start', '-p', String(port), '-H', '127.0.0.1'], {
    env: { ...process.env, BERTH_HOME: home, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    stdio: 'ignore',
    detached: true,
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  if (!(await waitForHttp(`${baseUrl}/`, { timeoutMs: 60_000 })))
    throw new Error('next start did not answer');
  return { baseUrl, child, home };
}

async function main(): Promise<void> {
  const given = process.argv[2];
  const server = given ? undefined : await startNext();
  const baseUrl = given ?? server!.baseUrl;
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  let over = false;
  try {
    for (const page of PAGES) {
      const ctx = await browser.newContext();
      const tab = await ctx.newPage();
      const scripts: { url: string; gz: number }[] = [];
      const pending: Promise<void>[] = [];
      tab.on('response', (r) => {
        if (r.request().resourceType() !== 'script') return;
        pending.push(
          r.body().then(
            (b) => void scripts.push({ url: r.url(), gz: gzipSync(b, { level: 9 }).length }),
            () => undefined,
          ),
        );
      });
      await tab.goto(`${baseUrl}${page}`, { waitUntil: 'networkidle' });
      await Promise.all(pending);
      const kib = scripts.reduce((n, s) => n + s.gz, 0) / 1024;
      const monaco = scripts.filter((s) => /monaco/i.test(s.url));
      console.log(
        `${page}: ${kib.toFixed(1)} KiB of JS gzipped in ${scripts.length} files; monaco ${monaco.length ? 'LOADED' : 'not loaded'}`,
      );
      if (page.startsWith('/lessons/') && (kib > BUDGET_KIB || monaco.length)) over = true;
      await ctx.close();
    }
  } finally {
    await browser.close();
    if (server?.child.pid) process.kill(-server.child.pid, 'SIGTERM');
    if (server) await fs.rm(server.home, { recursive: true, force: true });
  }
  if (over) {
    console.error(`a lesson page is over ${BUDGET_KIB} KiB of first-load JS, or loads monaco`);
    process.exitCode = 1;
  }
}

await main();
