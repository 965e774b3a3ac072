import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

const LESSON = 'networking/container-links';
const DOCKERFILE = 'FROM busybox\nCMD ["echo","hello-from-files-api"]\n';

// The editor's files API end to end: route → domain → agent → an exec inside the real node.
describe('files on a node through the control plane', () => {
  let cp: ControlPlane;
  let ada: string;
  let eve: string;
  let sandboxId: string;
  const files = (query: string) => `/api/sandboxes/${sandboxId}/files?${query}`;

  before(async () => {
    cp = await startControlPlane();
    ada = await cp.signIn('Ada');
    eve = await cp.signIn('Eve');
    const created = await cp.call('POST', '/api/sandboxes', { cookie: ada, body: { lessonId: LESSON } });
    assert.equal(created.status, 201);
    sandboxId = created.json.id;
    await waitForState(cp, ada, sandboxId, 'ready', 120_000);
  });
  after(async () => {
    await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie: ada }).catch(() => {});
    await cp.stop();
  });

  test('a Dockerfile written through the API builds inside the node', async () => {
    const put = await cp.call('PUT', `/api/sandboxes/${sandboxId}/files`, {
      cookie: ada,
      body: { node: 'node1', path: '/root/mynginx/Dockerfile', content: DOCKERFILE },
    });
    assert.equal(put.status, 200, JSON.stringify(put.json));
    assert.deepEqual(put.json, { path: '/root/mynginx/Dockerfile', size: DOCKERFILE.length });

    const read = await cp.call('GET', files('node=node1&path=/root/mynginx/Dockerfile'), { cookie: ada });
    assert.equal(read.status, 200);
    assert.equal(read.json.type, 'file');
    assert.equal(read.json.content, DOCKERFILE);

    const dir = await cp.call('GET', files('node=node1&path=/root/mynginx'), { cookie: ada });
    assert.equal(dir.status, 200);
    assert.deepEqual(dir.json.entries, [{ name: 'Dockerfile', type: 'file', size: DOCKERFILE.length }]);

    const container = cp.agent.manager.nodeContainer(sandboxId, 'node1');
    const owner = await cp.agent.engine.exec(container, ['stat', '-c', '%u:%g', '/root/mynginx/Dockerfile'], {
      timeoutMs: 10_000,
    });
    assert.equal(owner.output.trim(), '0:0', 'the file belongs to root inside the node');
    const built = await cp.agent.engine.exec(
      container,
      [
        'bash',
        '-lc',
        'docker build -q -t mine /root/mynginx >/dev/null && docker image ls -q mine && docker run --rm mine',
      ],
      { timeoutMs: 180_000 },
    );
    assert.equal(built.exitCode, 0, built.output);
    assert.match(built.output, /^[0-9a-f]{12}\n[\s\S]*hello-from-files-api/);
  });

  test('paths outside /root and /tmp, traversal and bad paths are refused', async () => {
    for (const path of ['/etc/passwd', '/root/../etc/shadow', 'root/relative', '/proc/1/environ']) {
      const r = await cp.call('GET', files(`node=node1&path=${encodeURIComponent(path)}`), { cookie: ada });
      assert.equal(r.status, 422, path);
      assert.equal(r.json.error.code, 'validation_failed', path);
      const w = await cp.call('PUT', `/api/sandboxes/${sandboxId}/files`, {
        cookie: ada,
        body: { node: 'node1', path, content: 'x' },
      });
      assert.equal(w.status, 422, path);
    }
    const nul = await cp.call('GET', files('node=node1&path=/root/a%00b'), { cookie: ada });
    assert.equal(nul.json.error.code, 'validation_failed');
  });

  test('a missing file is not_found; too-large content is payload_too_large', async () => {
    const missing = await cp.call('GET', files('node=node1&path=/root/nope.txt'), { cookie: ada });
    assert.equal(missing.status, 404);
    assert.equal(missing.json.error.code, 'not_found');

    const big = await cp.call('PUT', `/api/sandboxes/${sandboxId}/files`, {
      cookie: ada,
      body: { node: 'node1', path: '/tmp/big.txt', content: 'x'.repeat(1024 * 1024 + 1) },
    });
    assert.equal(big.status, 413);
    assert.equal(big.json.error.code, 'payload_too_large');

    // A file made bigger than 1 MiB in the terminal is refused on read, not streamed.
    const container = cp.agent.manager.nodeContainer(sandboxId, 'node1');
    await cp.agent.engine.exec(container, ['sh', '-c', 'head -c 2000000 /dev/zero > /tmp/huge.bin'], {
      timeoutMs: 10_000,
    });
    const huge = await cp.call('GET', files('node=node1&path=/tmp/huge.bin'), { cookie: ada });
    assert.equal(huge.status, 413);
    assert.equal(huge.json.error.code, 'payload_too_large');

    // A binary file is refused rather than mangled into text and saved back corrupted.
    await cp.agent.engine.exec(container, ['sh', '-c', 'head -c 100 /dev/zero > /tmp/small.bin'], {
      timeoutMs: 10_000,
    });
    const binary = await cp.call('GET', files('node=node1&path=/tmp/small.bin'), { cookie: ada });
    assert.equal(binary.status, 422);
    assert.match(binary.json.error.message, /binary/);
  });

  test("another user's sandbox is 404, anonymous is 401", async () => {
    const read = await cp.call('GET', files('node=node1&path=/root/mynginx/Dockerfile'), { cookie: eve });
    assert.equal(read.status, 404);
    assert.equal(read.json.error.code, 'not_found');
    const write = await cp.call('PUT', `/api/sandboxes/${sandboxId}/files`, {
      cookie: eve,
      body: { node: 'node1', path: '/root/evil', content: 'x' },
    });
    assert.equal(write.status, 404);
    assert.equal((await cp.call('GET', files('path=/root'))).status, 401);
  });
});
