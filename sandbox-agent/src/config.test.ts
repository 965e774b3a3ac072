import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AGENT_ENV_VARS, loadAgentConfig, redactAgentConfig } from './config.ts';
import { dockerEnv, mmdebstrapArgs } from './host/image-build-support.ts';
import { engineDaemonConfig } from './host/sandbox-engine.ts';

// Each documented agent setting, set in the environment, and what the parsed config must hold then.
const settings: [string, string, unknown][] = [
  ['BERTH_HOME', '/srv/berth-home', '/srv/berth-home'],
  ['PORT', '4100', 4100],
  ['BERTH_AGENT_URL', 'http://10.1.2.3:3999/', 'http://10.1.2.3:3999'],
  ['BERTH_AGENT_PORT', '3999', 3999],
  ['BERTH_AGENT_TOKEN', 'a-token-of-24-characters', 'a-token-of-24-characters'],
  ['BERTH_AGENT_ID', 'worker-7', 'worker-7'],
  ['BERTH_CONTROL_URL', 'http://10.9.9.9:3000/', 'http://10.9.9.9:3000'],
  ['BERTH_AGENT_REGISTER', 'false', false],
  ['BERTH_AGENT_HEARTBEAT_MS', '1234', 1234],
  ['BERTH_ENGINE_SOCKET', '/run/other/engine.sock', '/run/other/engine.sock'],
  ['BERTH_NODE_IMAGE', 'example/node:7', 'example/node:7'],
  ['BERTH_SANDBOX_MEMORY_MB', '777', 777],
  ['BERTH_SANDBOX_CPUS', '1.5', 1.5],
  ['BERTH_SANDBOX_PIDS', '333', 333],
  ['BERTH_SANDBOX_DISK_MB', '2048', 2048],
  ['BERTH_SANDBOX_DISK_EXPECTED_MB', '640', 640],
  ['BERTH_DISK_RESERVE_MB', '512', 512],
  ['BERTH_MAX_SANDBOXES', '7', 7],
  ['BERTH_REPLAY_BUFFER_BYTES', '4096', 4096],
  ['BERTH_MIRROR_PORT', '5999', 5999],
  ['BERTH_SANDBOX_DNS_PORT', '5998', 5998],
  ['BERTH_APT_PORT', '5997', 5997],
  ['BERTH_DEBIAN_MIRROR', 'http://debian.lan/debian', 'http://debian.lan/debian'],
  ['BERTH_IMAGE_STORE_ROOT', '/srv/store', '/srv/store'],
  ['BERTH_UPSTREAM_REGISTRY', 'https://registry-1.docker.io', 'https://registry-1.docker.io'],
  ['BERTH_UPSTREAM_REGISTRY_USERNAME', 'teacher', 'teacher'],
  ['BERTH_UPSTREAM_REGISTRY_PASSWORD', 'hub-token', 'hub-token'],
  ['BERTH_UPSTREAM_DEBIAN_MIRROR', 'http://deb.debian.org/debian', 'http://deb.debian.org/debian'],
  ['BERTH_UPSTREAM_DEBIAN_KEYRING', '/etc/keys/mirror.gpg', '/etc/keys/mirror.gpg'],
  ['BERTH_UPSTREAM_REFRESH_SECONDS', '60', 60],
];

test('every agent setting in the environment reaches the parsed config', () => {
  assert.deepEqual(settings.map(([name]) => name).sort(), [...AGENT_ENV_VARS].sort());
  for (const [name, value, expected] of settings) {
    const c = loadAgentConfig({ [name]: value }) as unknown as Record<string, unknown>;
    assert.deepEqual(c[name], expected, name);
  }
});

test('the agent config reads no database or Redis settings, derives its paths and is frozen', () => {
  const c = loadAgentConfig({
    BERTH_HOME: '/srv/b',
    PORT: '4100',
    DATABASE_URL: 'postgresql://u:p@db/berth',
    REDIS_URL: 'redis://cache:6379',
  });
  assert.ok(!('DATABASE_URL' in c) && !('REDIS_URL' in c));
  assert.equal(c.sandboxesDir, '/srv/b/sandboxes');
  assert.equal(c.BERTH_CONTROL_URL, 'http://127.0.0.1:4100', 'defaults to the web server on this host');
  assert.ok(Object.isFrozen(c));
  assert.throws(() => loadAgentConfig({ BERTH_AGENT_ID: 'no spaces' }), /BERTH_AGENT_ID/);
});

test('the agent token and the upstream registry password are redacted', () => {
  const c = loadAgentConfig({
    BERTH_AGENT_TOKEN: 'a-token-of-24-characters',
    BERTH_UPSTREAM_REGISTRY_PASSWORD: 'hub-secret',
  });
  assert.equal(redactAgentConfig(c).BERTH_AGENT_TOKEN, '***');
  assert.equal(redactAgentConfig(c).BERTH_UPSTREAM_REGISTRY_PASSWORD, '***');
  assert.ok(!JSON.stringify(redactAgentConfig(c)).includes('a-token-of-24-characters'));
  assert.ok(!JSON.stringify(redactAgentConfig(c)).includes('hub-secret'));
});

test('upstreams are off unless set; an empty value leaves them off', () => {
  for (const env of [{}, { BERTH_UPSTREAM_REGISTRY: '', BERTH_UPSTREAM_DEBIAN_MIRROR: '' }]) {
    const c = loadAgentConfig(env);
    assert.equal(c.BERTH_UPSTREAM_REGISTRY, undefined);
    assert.equal(c.BERTH_UPSTREAM_DEBIAN_MIRROR, undefined);
  }
  assert.throws(() => loadAgentConfig({ BERTH_UPSTREAM_REGISTRY: 'registry-1.docker.io' }), /UPSTREAM/);
});

test('BERTH_ENGINE_SOCKET is where the sandbox engine listens and where image builds go', () => {
  const c = loadAgentConfig({ BERTH_ENGINE_SOCKET: '/run/other/engine.sock' });
  assert.deepEqual(engineDaemonConfig(c.BERTH_ENGINE_SOCKET).hosts, ['unix:///run/other/engine.sock']);
  assert.equal(dockerEnv(c).DOCKER_HOST, 'unix:///run/other/engine.sock');
});

test('BERTH_DEBIAN_MIRROR is the mirror mmdebstrap builds the images from', () => {
  const c = loadAgentConfig({ BERTH_DEBIAN_MIRROR: 'http://debian.lan/debian' });
  const args = mmdebstrapArgs('/tmp/out.tar', ['nginx'], [], c);
  assert.equal(args.at(-1), 'http://debian.lan/debian');
  assert.ok(!args.includes('http://deb.debian.org/debian'));
});
