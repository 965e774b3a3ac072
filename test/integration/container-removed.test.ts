import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { renderCheckMessage } from '../../contract/check-messages.ts';
import { type Assertion, assertionSchema } from '../../contract/checks.ts';
import { runChecks } from '../../sandbox-agent/src/checks/run-checks.ts';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// container_removed on a real sandbox: it fails on a fresh engine, on a container that is only stopped or
// still running, and on a name that was never used; it passes after `rm`, `rm -f` and `container prune`.
let h: AgentHarness;
let node1: string;

async function sh(script: string) {
  const res = await h.engine.exec(node1, ['bash', '-lc', `set -e\n${script}`], { timeoutMs: 60_000 });
  assert.equal(res.exitCode, 0, `${script}\n→ ${res.output.slice(-600)}`);
}

async function removed(name: string) {
  const a = assertionSchema.parse({ type: 'container_removed', name }) as Assertion;
  const [r] = await runChecks({
    engine: h.engine,
    containerId: node1,
    tasks: [{ id: 't', assert: a }],
    timeoutMs: 15_000,
  });
  assert.ok(r?.finding);
  assert.doesNotMatch(renderCheckMessage(r.finding, 'zh'), /\{\w+\}/);
  return r;
}

before(async () => {
  h = await startAgentHarness();
  const id = testSandboxId();
  const view = await h.manager.create({
    id,
    owner: 'container-removed-test',
    nodes: ['node1'],
    expiresAt: new Date(Date.now() + 3600_000),
  });
  assert.equal(view.state, 'ready');
  node1 = h.manager.nodeContainer(id, 'node1');
});
after(async () => {
  await h?.cleanup();
});

test('container_removed: only a container that existed and is gone passes', async () => {
  const fresh = await removed('old');
  assert.equal(fresh.passed, false);
  assert.match(fresh.message, /No container named "old" was removed/);

  await sh('docker run --name old busybox true\ndocker run -d --name busy busybox sleep 300');
  const stopped = await removed('old');
  assert.equal(stopped.passed, false);
  assert.match(stopped.message, /Container "old" still exists \(exited\)/);
  assert.match((await removed('busy')).message, /Container "busy" still exists \(running\)/);

  // A removed container whose name is a prefix of another's is not the other one.
  await sh('docker run --name old-two busybox true\ndocker rm old-two');
  assert.equal((await removed('old')).passed, false);
  assert.equal((await removed('old-two')).passed, true);

  await sh('docker rm old\ndocker rm -f busy');
  assert.equal((await removed('old')).passed, true);
  const busy = await removed('busy');
  assert.equal(busy.passed, true, busy.message);
  assert.equal(busy.message, 'Container "busy" was removed.');

  // A new container under the removed name is there again: not removed.
  await sh('docker create --name old busybox true >/dev/null');
  assert.match((await removed('old')).message, /still exists \(created\)/);
  await sh('docker container prune -f');
  assert.equal((await removed('old')).passed, true);
});
