import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// A lesson may ask for up to five nodes: each is a host with its own Docker engine, and the nodes of one
// sandbox reach each other by hostname on the sandbox's private network — and nothing else.
describe('a sandbox with two nodes', () => {
  let h: AgentHarness;
  const id = testSandboxId();
  const other = testSandboxId();
  const run = (sandbox: string, node: string, script: string) =>
    h.engine.exec(h.manager.nodeContainer(sandbox, node), ['bash', '-lc', script], { timeoutMs: 30_000 });

  before(async () => {
    h = await startAgentHarness();
    const expiresAt = new Date(Date.now() + 3600_000);
    const view = await h.manager.create({ id, owner: 'multi', nodes: ['node1', 'node2'], expiresAt });
    assert.deepEqual(view.nodes, ['node1', 'node2']);
    await h.manager.create({ id: other, owner: 'someone-else', nodes: ['node1'], expiresAt });
  });
  after(async () => h.cleanup());

  test('nodes reach each other by hostname', async () => {
    const r = await run(id, 'node1', 'hostname; ping -c 1 -W 2 node2 >/dev/null && echo REACHED-node2');
    assert.match(r.output, /^node1\n[\s\S]*REACHED-node2/);
    const back = await run(id, 'node2', 'ping -c 1 -W 2 node1 >/dev/null && echo REACHED-node1');
    assert.match(back.output, /REACHED-node1/);
  });

  test('each node has its own Docker engine', async () => {
    await run(id, 'node1', 'docker run -d --name only-on-node1 busybox sleep 600');
    const on1 = await run(id, 'node1', 'docker ps --format {{.Names}}');
    const on2 = await run(id, 'node2', 'docker ps -a --format {{.Names}}');
    assert.match(on1.output, /only-on-node1/);
    assert.doesNotMatch(on2.output, /only-on-node1/);
  });

  test("another sandbox's node cannot reach these nodes", async () => {
    const info = await h.engine.inspectContainer(h.manager.nodeContainer(id, 'node2'));
    const ip = Object.values(info?.NetworkSettings.Networks ?? {})[0]?.IPAddress;
    assert.ok(ip);
    const r = await run(
      other,
      'node1',
      `ping -c 1 -W 2 ${ip} >/dev/null 2>&1 && echo REACHED || echo BLOCKED`,
    );
    assert.match(r.output, /BLOCKED/);
  });
});
