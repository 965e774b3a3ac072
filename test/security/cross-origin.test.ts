import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

// A page on another origin of the same site (another port on this host, a sibling subdomain) gets the
// learner's SameSite=Lax cookie along. It must not be able to drive the API or open the terminal.

const FOREIGN = 'http://localhost:8081';
let cp: ControlPlane;
let cookie: string;
let sandboxId: string;

function request(method: string, url: string, headers: Record<string, string>, body?: unknown) {
  return fetch(`${cp.baseUrl}${url}`, {
    method,
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

function upgrade(origin: string): Promise<{ status: number; firstFrame?: string }> {
  const ws = new WebSocket(
    `${cp.baseUrl.replace('http', 'ws')}/ws/terminal?sandbox=${sandboxId}&node=node1`,
    {
      headers: { cookie },
      origin,
    },
  );
  return new Promise((resolve, reject) => {
    ws.on('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0 });
      ws.terminate();
    });
    ws.on('open', () => ws.send(JSON.stringify({ type: 'hello', lastSeq: 0 })));
    ws.on('message', (m) => {
      resolve({ status: 101, firstFrame: m.toString() });
      ws.close();
    });
    ws.on('error', reject);
  });
}

before(async () => {
  cp = await startControlPlane();
  cookie = await cp.signIn('Origin tester');
  const r = await cp.call('POST', '/api/sandboxes', {
    cookie,
    body: { lessonId: 'networking/container-links' },
  });
  sandboxId = r.json.id;
  await waitForState(cp, cookie, sandboxId, 'ready');
});
after(async () => {
  await cp?.stop();
});

describe('requests from other origins are refused', () => {
  test('a DELETE of the learner’s sandbox from another origin gets 403 and the sandbox lives on', async (t) => {
    const own = new URL(cp.baseUrl).origin;
    for (const origin of [FOREIGN, 'http://evil.localhost:3000', 'null']) {
      const res = await request('DELETE', `/api/sandboxes/${sandboxId}`, { origin });
      const body = (await res.json()) as { error?: { code?: string } };
      t.diagnostic(`DELETE with Origin ${origin} → ${res.status}`);
      assert.equal(res.status, 403);
      assert.equal(body.error?.code, 'forbidden');
    }
    const check = await request(
      'POST',
      `/api/sandboxes/${sandboxId}/checks`,
      { origin: FOREIGN },
      {
        exerciseId: 'networking/container-links/ping-by-name',
      },
    );
    assert.equal(check.status, 403, 'a check from another origin is refused too');
    const still = await request('GET', `/api/sandboxes/${sandboxId}`, { origin: own });
    assert.equal(still.status, 200, 'Berth’s own origin is served');
    assert.equal(((await still.json()) as { state: string }).state, 'ready');
  });

  test('a terminal upgrade from another origin gets 403; Berth’s own origin gets the shell', async () => {
    assert.deepEqual(await upgrade(FOREIGN), { status: 403 });
    const own = await upgrade(new URL(cp.baseUrl).origin);
    assert.equal(own.status, 101);
    assert.match(own.firstFrame ?? '', /"type":"data"/);
  });

  test('guest sign-in (login CSRF) from another origin is refused', async () => {
    const res = await fetch(`${cp.baseUrl}/api/auth/guest`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: FOREIGN },
      body: JSON.stringify({ name: 'Planted' }),
    });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('set-cookie'), null);
  });
});
