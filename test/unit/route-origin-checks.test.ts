import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

// Every route handler is built by one wrapper of server/http/api-route.ts, which refuses a request from
// another origin before anything else (server/http/same-origin.ts): a page on another port of the host —
// a learner's preview — cannot act with the viewer's cookie through a route that forgot the check.
// The terminal upgrade checks the same rule (server/terminal/terminal-gateway.ts, test/security/).

const WRAPPERS = ['publicRoute', 'userRoute', 'instructorRoute', 'agentRoute'];

async function routeFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await routeFiles(p)));
    else if (e.name === 'route.ts') out.push(p);
  }
  return out;
}

test('every exported route handler goes through an api-route.ts wrapper (Origin checked first)', async () => {
  const files = await routeFiles('app');
  assert.ok(files.length > 15, `found ${files.length} route files`);
  const bare: string[] = [];
  let handlers = 0;
  for (const file of files) {
    const source = await fs.readFile(file, 'utf8');
    for (const m of source.matchAll(
      /^export (?:async )?(?:const|function) (GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)\b(.*)$/gm,
    )) {
      handlers++;
      const wrapped = WRAPPERS.some((w) => m[2]!.startsWith(` = ${w}(`));
      if (!wrapped) bare.push(`${file}: ${m[1]}`);
    }
  }
  assert.ok(handlers > 20, `found ${handlers} handlers`);
  assert.deepEqual(bare, [], 'route handlers outside the wrapper');
});

test('there are no server actions (they would be state-changing requests outside the wrapper)', async () => {
  const offenders: string[] = [];
  for (const dir of ['app', 'components', 'server']) {
    for (const file of await fs.readdir(dir, { recursive: true })) {
      if (!/\.(ts|tsx)$/.test(file)) continue;
      const source = await fs.readFile(path.join(dir, file), 'utf8');
      if (/^\s*['"]use server['"]/m.test(source)) offenders.push(path.join(dir, file));
    }
  }
  assert.deepEqual(offenders, []);
});
