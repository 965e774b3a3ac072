import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

// A two-node lesson end to end through the control plane: the sandbox gets both nodes, and one check
// looks at node1's engine and sends HTTP requests from node1 and from node2 (assertion-level `node`).
const LESSON = 'networking/two-hosts';
const EXERCISE = `${LESSON}/serve-across-hosts`;
const PAGE = "mkdir -p /root/site && echo 'Hello from node1' > /root/site/index.html";
const WAIT = 'for _ in $(seq 1 50); do curl -sf http://localhost:$1/ >/dev/null && break; sleep 0.1; done';

describe('the two-hosts lesson', () => {
  let cp: ControlPlane;
  let cookie: string;
  let sandboxId: string;
  const onNode = (node: string, script: string) =>
    cp.agent.engine.exec(cp.agent.manager.nodeContainer(sandboxId, node), ['bash', '-lc', script], {
      timeoutMs: 60_000,
    });
  const check = async () => {
    const r = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie,
      body: { exerciseId: EXERCISE },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return {
      passed: r.json.passed as boolean,
      byId: new Map<string, { passed: boolean; message: string }>(r.json.tasks.map((t: any) => [t.id, t])),
    };
  };

  before(async () => {
    cp = await startControlPlane();
    cookie = await cp.signIn('two-hosts');
    const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    sandboxId = r.json.id;
    const view = await waitForState(cp, cookie, sandboxId, 'ready', 90_000);
    assert.deepEqual(view.nodes, ['node1', 'node2']);
  });
  after(async () => {
    await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie }).catch(() => {});
    await cp.stop();
  });

  test('a fresh sandbox fails every task, saying which host and why', async () => {
    const { passed, byId } = await check();
    assert.equal(passed, false);
    assert.match(byId.get('web-running')!.message, /^On node1: No container named "web" exists/);
    assert.match(
      byId.get('page-from-node2')!.message,
      /^On node2: Nothing answered at http:\/\/node1:8080\/: .*node1 port 8080/,
    );
  });

  test('a port published on 127.0.0.1 answers on node1 but not from node2', async () => {
    const r = await onNode(
      'node1',
      `${PAGE} && docker run -d --name web -p 127.0.0.1:8080:80 -v /root/site:/www busybox httpd -f -p 80 -h /www && set -- 8080 && ${WAIT}`,
    );
    assert.equal(r.exitCode, 0, r.output);
    const { passed, byId } = await check();
    assert.equal(passed, false);
    assert.equal(byId.get('web-running')!.passed, true);
    assert.equal(byId.get('page-on-node1')!.passed, true, byId.get('page-on-node1')!.message);
    const fromNode2 = byId.get('page-from-node2')!;
    assert.equal(fromNode2.passed, false);
    assert.match(fromNode2.message, /^On node2: Nothing answered at http:\/\/node1:8080\//);
    assert.match(fromNode2.message, /127\.0\.0\.1 only/); // the lesson's hint follows the finding
  });

  test('web published on every address of node1 passes, fetched from node2', async () => {
    const r = await onNode(
      'node1',
      `docker rm -f web && docker run -d --name web -p 8080:80 -v /root/site:/www busybox httpd -f -p 80 -h /www && set -- 8080 && ${WAIT}`,
    );
    assert.equal(r.exitCode, 0, r.output);
    const { passed, byId } = await check();
    assert.equal(passed, true, JSON.stringify([...byId]));
    assert.match(
      byId.get('page-from-node2')!.message,
      /^On node2: http:\/\/node1:8080\/ answered HTTP 200 with "Hello from node1"/,
    );
  });

  test('another page on the right port fails on its content', async () => {
    const r = await onNode('node1', "echo 'Goodbye' > /root/site/index.html");
    assert.equal(r.exitCode, 0, r.output);
    const { byId } = await check();
    assert.match(
      byId.get('page-from-node2')!.message,
      /answered HTTP 200, but the page does not contain "Hello from node1"/,
    );
  });
});
