import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderCheckMessage } from '../../contract/check-messages.ts';
import { type Assertion, assertionSchema } from '../../contract/checks.ts';
import { runChecks } from '../../sandbox-agent/src/checks/run-checks.ts';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// container_mount against a real sandbox's inner engine: a volume, a bind mount and a tmpfs (both the
// `--tmpfs` and the `--mount type=tmpfs` kind) each pass as what they are and fail as one of the others, at
// another target, from another source, or read-only where writable was asked (and the other way round).
let h: AgentHarness;
let node1: string;

async function sh(script: string) {
  const res = await h.engine.exec(node1, ['bash', '-lc', `set -e\n${script}`], { timeoutMs: 120_000 });
  assert.equal(res.exitCode, 0, `${script}\n→ ${res.output.slice(-600)}`);
}

async function check(a: Record<string, unknown>) {
  const [r] = await runChecks({
    engine: h.engine,
    containerId: node1,
    tasks: [{ id: 't', assert: assertionSchema.parse({ type: 'container_mount', ...a }) as Assertion }],
    timeoutMs: 20_000,
  });
  assert.ok(r?.finding);
  assert.equal(r.message, renderCheckMessage(r.finding, 'en'));
  assert.doesNotMatch(renderCheckMessage(r.finding, 'zh'), /\{\w+\}/);
  return r;
}

async function passes(a: Record<string, unknown>) {
  const r = await check(a);
  assert.equal(r.passed, true, `${JSON.stringify(a)} should pass: ${r.message}`);
}

async function fails(a: Record<string, unknown>, why: RegExp) {
  const r = await check(a);
  assert.equal(r.passed, false, `${JSON.stringify(a)} should fail`);
  assert.match(r.message, why);
}

describe('container_mount on a real sandbox', () => {
  before(async () => {
    h = await startAgentHarness();
    const id = testSandboxId();
    const view = await h.manager.create({
      id,
      owner: 'mount-test',
      nodes: ['node1'],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    assert.equal(view.state, 'ready');
    node1 = h.manager.nodeContainer(id, 'node1');
    await sh(
      [
        'docker volume create test-volume',
        'mkdir -p /root/site',
        'docker run -d --name vol --mount source=test-volume,target=/usr/share/data busybox sleep 300',
        'docker run -d --name vol-ro -v test-volume:/usr/share/data:ro busybox sleep 300',
        'docker run -d --name bind --mount type=bind,source=/root/site,target=/usr/share/data,readonly busybox sleep 300',
        'docker run -d --name tmp --tmpfs /usr/share/data:ro,size=16m busybox sleep 300',
        'docker run -d --name tmp-mount --mount type=tmpfs,target=/usr/share/data/ busybox sleep 300',
        'docker run -d --name other-volume -v another:/usr/share/data busybox sleep 300',
        'docker create --name bare busybox',
      ].join('\n'),
    );
  });
  after(async () => {
    await h?.cleanup();
  });

  test('a volume passes as a volume, by name, writable; near misses fail with what is there', async () => {
    const volume = { container: 'vol', mount: 'volume', target: '/usr/share/data', source: 'test-volume' };
    await passes(volume);
    await passes({ ...volume, target: '/usr/share/data/', readOnly: false });
    await fails({ ...volume, readOnly: true }, /at \/usr\/share\/data in container "vol" is writable/);
    await fails({ ...volume, mount: 'bind' }, /has a volume mount, not a bind mount/);
    await fails({ ...volume, container: 'other-volume' }, /comes from "another", not from "test-volume"/);
    await fails({ ...volume, container: 'vol-ro', readOnly: false }, /is read-only; it should be writable/);
    await passes({ ...volume, container: 'vol-ro', readOnly: true });
    // A bind mount where a volume was asked for fails on the kind, whatever it binds.
    await fails({ ...volume, container: 'bind' }, /has a bind mount, not a volume mount/);
    await fails(
      { ...volume, target: '/data' },
      /nothing mounted at \/data \(its mounts: volume test-volume → /,
    );
    await fails(
      { ...volume, container: 'bare' },
      /"bare" has nothing mounted at \/usr\/share\/data \(it has no/,
    );
    await fails({ ...volume, container: 'vol-demo' }, /No container named "vol-demo"/);
  });

  test('a bind mount passes by its host path and read-only flag', async () => {
    const bind = { container: 'bind', mount: 'bind', target: '/usr/share/data', source: '/root/site/' };
    await passes({ ...bind, readOnly: true });
    await fails({ ...bind, readOnly: false }, /is read-only; it should be writable/);
    await fails({ ...bind, source: '/root/www' }, /comes from "\/root\/site", not from "\/root\/www"/);
    await fails({ ...bind, mount: 'tmpfs', source: undefined }, /has a bind mount, not a tmpfs mount/);
  });

  test('both kinds of tmpfs pass as tmpfs, with their own read-only flag', async () => {
    const tmpfs = { container: 'tmp', mount: 'tmpfs', target: '/usr/share/data' };
    await passes({ ...tmpfs, readOnly: true });
    await passes({ ...tmpfs, container: 'tmp-mount', readOnly: false });
    await fails({ ...tmpfs, readOnly: false }, /is read-only; it should be writable/);
    await fails({ ...tmpfs, mount: 'volume' }, /has a tmpfs mount, not a volume mount/);
    await fails({ ...tmpfs, container: 'vol' }, /has a volume mount, not a tmpfs mount/);
    assert.equal(
      assertionSchema.safeParse({ type: 'container_mount', ...tmpfs, source: 'x' }).success,
      false,
    );
  });
});
