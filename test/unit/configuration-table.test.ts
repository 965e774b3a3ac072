import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { runtimeEnv } from '../../cli/prepare-host.ts';
import { AGENT_ENV_VARS } from '../../sandbox-agent/src/config.ts';
import { configSchema } from '../../server/config.ts';

// README "Configuration" promises that every variable in its table is honoured: each one is read by
// the control plane's config (server/config.ts) or the agent's (sandbox-agent/src/config.ts).
test('every variable in the README Configuration table is read by a config schema', async () => {
  const readme = await fs.readFile('README.md', 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Architecture'));
  const documented = [...section.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]!);
  assert.ok(documented.length > 20, `found ${documented.length} rows`);
  const read = new Set([...Object.keys(configSchema.shape), ...AGENT_ENV_VARS]);
  assert.deepEqual(
    documented.filter((name) => !read.has(name)),
    [],
    'documented but read by no config',
  );
  assert.deepEqual(
    [...read].filter((name) => !documented.includes(name)),
    [],
    'read by a config but not documented',
  );
});

// `./berth up` hands its environment to the agent: a BERTH_ENGINE_SOCKET given to it must arrive as is.
test('./berth up passes BERTH_ENGINE_SOCKET through to the agent it starts', async () => {
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-runtime-env-'));
  const saved = { ...process.env };
  Object.assign(process.env, {
    BERTH_HOME: home,
    REDIS_URL: 'redis://127.0.0.1:1',
    BERTH_ENGINE_SOCKET: '/run/other/engine.sock',
  });
  try {
    const env = await runtimeEnv();
    assert.equal(env.BERTH_ENGINE_SOCKET, '/run/other/engine.sock');
  } finally {
    process.env = saved;
    await fs.rm(home, { recursive: true, force: true });
  }
});
