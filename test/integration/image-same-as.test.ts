import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderCheckMessage } from '../../contract/check-messages.ts';
import { assertionSchema } from '../../contract/checks.ts';
import { runChecks } from '../../sandbox-agent/src/checks/run-checks.ts';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// image_exists with `sameAs` on a real sandbox: a second name made with `docker tag` (also one with a
// registry host and port, which the Engine API gets URL-encoded) is the same image; a name of another
// image, or one never tagged, is not.
let h: AgentHarness;
let node1: string;

async function sh(script: string) {
  const res = await h.engine.exec(node1, ['bash', '-lc', `set -e\n${script}`], { timeoutMs: 60_000 });
  assert.equal(res.exitCode, 0, res.output);
}

async function check(a: Record<string, unknown>) {
  const [r] = await runChecks({
    engine: h.engine,
    containerId: node1,
    tasks: [{ id: 't', assert: assertionSchema.parse({ type: 'image_exists', ...a }) }],
    timeoutMs: 20_000,
  });
  assert.ok(r?.finding);
  assert.doesNotMatch(renderCheckMessage(r.finding, 'zh'), /\{\w+\}/);
  return r;
}

describe('image_exists with sameAs', () => {
  before(async () => {
    h = await startAgentHarness();
    const id = testSandboxId();
    await h.manager.create({
      id,
      owner: 'same-as-test',
      nodes: ['node1'],
      expiresAt: new Date(Date.now() + 600_000),
    });
    node1 = h.manager.nodeContainer(id, 'node1');
    await sh('docker tag busybox busybox:course && docker tag busybox localhost:5000/tools/busybox:1.0');
    await sh('docker tag debian:bookworm localhost:5000/tools/debian:1.0');
  });
  after(async () => h?.cleanup());

  test('a second tag and a name with a registry host are the same image as busybox', async () => {
    for (const name of ['busybox:course', 'localhost:5000/tools/busybox:1.0']) {
      const r = await check({ name, sameAs: 'busybox' });
      assert.equal(r.passed, true, r.message);
      assert.match(
        r.message,
        new RegExp(`^Image "${name}" is the same image as "busybox" \\([0-9a-f]{12}\\)\\.$`),
      );
    }
  });

  test('a name of another image fails, showing both ids', async () => {
    const r = await check({ name: 'localhost:5000/tools/debian:1.0', sameAs: 'busybox:latest' });
    assert.equal(r.passed, false);
    assert.match(
      r.message,
      /^Image "localhost:5000\/tools\/debian:1\.0" is image [0-9a-f]{12}, not the image "busybox:latest" names \([0-9a-f]{12}\)\.$/,
    );
  });

  test('a tag never made fails as missing, and so does a missing sameAs name', async () => {
    const never = await check({ name: 'localhost:5000/tools/busybox:2.0', sameAs: 'busybox' });
    assert.equal(never.passed, false);
    assert.equal(never.message, 'Image "localhost:5000/tools/busybox:2.0" is not present.');
    const noOther = await check({ name: 'busybox:course', sameAs: 'busybox:nope' });
    assert.equal(noOther.passed, false);
    assert.equal(noOther.message, 'Image "busybox:nope" is not present.');
  });

  test('without sameAs it only asks for the name, and an image id prefix is not a name', async () => {
    assert.equal((await check({ name: 'localhost:5000/tools/debian:1.0' })).passed, true);
    const id = await h.engine.exec(node1, ['docker', 'image', 'inspect', '-f', '{{.Id}}', 'busybox'], {
      timeoutMs: 20_000,
    });
    const prefix = id.output
      .trim()
      .replace(/^sha256:/, '')
      .slice(0, 12);
    assert.equal((await check({ name: prefix })).passed, false);
  });
});
