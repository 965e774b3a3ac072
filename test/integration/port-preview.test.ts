import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';
import { installInnerServers, RUN, SITE_INDEX } from '../support/inner-servers.ts';

const LESSON = 'networking/container-links';

interface PortsAnswer {
  version: string;
  ports: { node: string; port: number; containerPort: number; container: string; url: string }[];
}

// Port previews end to end: `docker run -p` inside a real node → the agent's event watch → the ports API
// (long poll) → /preview/… through the control plane and the agent to the node, HTTP and websocket.
describe('port previews through the control plane', () => {
  let cp: ControlPlane;
  let ada: string;
  let eve: string;
  let sandboxId: string;
  let version = '';
  const prefix = (port: number) => `/preview/${sandboxId}/node1/${port}`;
  const inNode = async (script: string) => {
    const res = await cp.agent.engine.exec(
      cp.agent.manager.nodeContainer(sandboxId, 'node1'),
      ['bash', '-lc', script],
      { timeoutMs: 60_000 },
    );
    assert.equal(res.exitCode, 0, res.output);
    return res.output;
  };
  const ports = async (after?: string): Promise<PortsAnswer> => {
    const r = await cp.call('GET', `/api/sandboxes/${sandboxId}/ports${after ? `?after=${after}` : ''}`, {
      cookie: ada,
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return r.json;
  };
  // Long-polls until `ok` holds, as the page does; returns the answer and how long it took.
  const portsUntil = async (ok: (a: PortsAnswer) => boolean, ms = 15_000) => {
    const started = Date.now();
    let answer = await ports();
    while (!ok(answer)) {
      assert.ok(Date.now() - started < ms, `ports never matched; last: ${JSON.stringify(answer)}`);
      answer = await ports(answer.version);
    }
    return { answer, ms: Date.now() - started };
  };

  before(async () => {
    cp = await startControlPlane();
    ada = await cp.signIn('Ada');
    eve = await cp.signIn('Eve');
    const created = await cp.call('POST', '/api/sandboxes', { cookie: ada, body: { lessonId: LESSON } });
    assert.equal(created.status, 201);
    sandboxId = created.json.id;
    await waitForState(cp, ada, sandboxId, 'ready', 120_000);
    await installInnerServers(cp.agent.engine, cp.agent.manager.nodeContainer(sandboxId, 'node1'));
  });
  after(async () => {
    await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie: ada }).catch(() => {});
    await cp.stop();
  });

  test('a fresh sandbox publishes nothing', async () => {
    const first = await ports();
    assert.deepEqual(first.ports, []);
    version = first.version;
  });

  test('docker run -p shows up in a waiting ports request within moments', async () => {
    const waiting = ports(version);
    const t0 = Date.now();
    await inNode(RUN.site(8080));
    const ran = Date.now();
    const answer = await waiting;
    console.log(`# ports request answered ${Date.now() - ran} ms after docker run -p returned`);
    assert.ok(Date.now() - t0 < 10_000);
    assert.deepEqual(answer.ports, [
      {
        node: 'node1',
        port: 8080,
        containerPort: 80,
        container: 'site',
        url: `/preview/${sandboxId}/node1/8080/`,
      },
    ]);
    assert.notEqual(answer.version, version);
    version = answer.version;
  });

  test('the owner gets the page, its sub-pages and redirects under the prefix', async () => {
    const page = await fetch(`${cp.baseUrl}${prefix(8080)}/`, { headers: { cookie: ada } });
    assert.equal(page.status, 200);
    assert.equal(await page.text(), SITE_INDEX);

    const bare = await fetch(`${cp.baseUrl}${prefix(8080)}?x=1`, {
      headers: { cookie: ada },
      redirect: 'manual',
    });
    assert.equal(bare.status, 308);
    assert.equal(bare.headers.get('location'), `${prefix(8080)}/?x=1`);

    // busybox httpd redirects a directory to its slash form with "Location: /docs/".
    const dir = await fetch(`${cp.baseUrl}${prefix(8080)}/docs`, {
      headers: { cookie: ada },
      redirect: 'manual',
    });
    assert.equal(dir.status, 302);
    assert.equal(dir.headers.get('location'), `${prefix(8080)}/docs/`);
    const docs = await fetch(`${cp.baseUrl}${prefix(8080)}/docs`, { headers: { cookie: ada } });
    assert.equal(await docs.text(), 'docs page\n');
  });

  test('methods, query strings and streamed request bodies reach the server; the session cookie does not', async () => {
    const body = 'x'.repeat(300_000);
    const res = await fetch(`${cp.baseUrl}${prefix(8080)}/cgi-bin/echo?a=1&b=two`, {
      method: 'POST',
      headers: { cookie: `theme=dark; ${ada}`, 'content-type': 'text/plain' },
      body,
    });
    assert.equal(res.status, 200);
    const text = await res.text();
    const [head, echoed] = [text.slice(0, text.indexOf('\n')), text.slice(text.indexOf('\n') + 1)];
    assert.equal(head, `method=POST query=a=1&b=two cookie=theme=dark prefix=${prefix(8080)}`);
    assert.equal(echoed.length, body.length);
  });

  test("neither Berth's session nor the agent token reaches the learner's server", async () => {
    await inNode(RUN.headers(8082));
    await portsUntil((a) => a.ports.some((p) => p.port === 8082));
    const res = await fetch(`${cp.baseUrl}${prefix(8082)}/whoami`, {
      headers: { cookie: ada, authorization: 'Basic bGVhcm5lcjpzZWNyZXQ=' },
    });
    assert.equal(res.status, 200);
    const seen = (await res.text()).toLowerCase();
    assert.match(seen, /^get \/whoami http\/1\.1\n/);
    assert.match(seen, /\nauthorization: basic bgvhcm5lcjpzzwnyzxq=\n/, 'the browser’s own credentials pass');
    assert.doesNotMatch(seen, /berth_session|bearer|x-berth/);
    assert.doesNotMatch(seen, new RegExp(process.env.BERTH_AGENT_TOKEN!.toLowerCase()));
    assert.match(seen, new RegExp(`\nx-forwarded-prefix: ${prefix(8082).toLowerCase()}\n`));
  });

  test('anyone but the owner gets 404, and so does a port that is not published', async () => {
    const eves = await fetch(`${cp.baseUrl}${prefix(8080)}/`, { headers: { cookie: eve } });
    assert.equal(eves.status, 404);
    assert.doesNotMatch(await eves.text(), /hello from a published port/);
    const anonymous = await fetch(`${cp.baseUrl}${prefix(8080)}/`);
    assert.equal(anonymous.status, 404);
    const forged = await fetch(`${cp.baseUrl}${prefix(8080)}/`, {
      headers: { cookie: 'berth_session=forged' },
    });
    assert.equal(forged.status, 404);

    const unpublished = await fetch(`${cp.baseUrl}${prefix(9999)}/`, { headers: { cookie: ada } });
    assert.equal(unpublished.status, 404);
    assert.match((await unpublished.json()).error.message, /Nothing is published on node1:9999/);
    // A port the learner's container listens on inside the node without -p is not reachable either.
    await inNode('docker run -d --name hidden busybox httpd -f -p 80');
    const hidden = await fetch(`${cp.baseUrl}${prefix(80)}/`, { headers: { cookie: ada } });
    assert.equal(hidden.status, 404);
    const node2 = await fetch(`${cp.baseUrl}/preview/${sandboxId}/node2/8080/`, { headers: { cookie: ada } });
    assert.equal(node2.status, 404, 'a node the sandbox does not have');
    const html = await fetch(`${cp.baseUrl}${prefix(9999)}/`, {
      headers: { cookie: ada, accept: 'text/html' },
    });
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await html.text(), /Preview unavailable/);
  });

  test('dot segments in a preview path stay on the learner server and never reach another agent route', async () => {
    // Sent raw (fetch would normalise it): a DELETE that would remove the sandbox if the agent routed it.
    // It lands on the learner's own server (the headers echo on 8082) as a path there, and nothing else.
    const { status, seen } = await new Promise<{ status: number; seen: string }>((resolve, reject) => {
      const url = new URL(cp.baseUrl);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'DELETE',
          path: `${prefix(8082)}/../../../../../../v1/sandboxes/${sandboxId}`,
          headers: { cookie: ada },
        },
        (res) => {
          let seen = '';
          res.on('data', (c) => (seen += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, seen }));
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(status, 200);
    assert.match(seen, new RegExp(`^DELETE /v1/sandboxes/${sandboxId} HTTP/1.1\r?\n`));
    assert.equal((await cp.call('GET', `/api/sandboxes/${sandboxId}`, { cookie: ada })).json.state, 'ready');
    assert.equal(cp.agent.manager.get(sandboxId).state, 'ready');
  });

  test('websockets go through the preview both ways; strangers cannot open one', async () => {
    await inNode(RUN.wsEcho(8081));
    await portsUntil((a) => a.ports.some((p) => p.port === 8081));
    const wsUrl = `${cp.baseUrl.replace('http', 'ws')}${prefix(8081)}/echo`;
    const ws = new WebSocket(wsUrl, { headers: { cookie: ada } });
    const received: string[] = [];
    await new Promise<void>((resolve, reject) => {
      ws.on('open', () => {
        ws.send('hello through the preview');
        ws.send('second frame ✓');
      });
      ws.on('message', (data) => {
        received.push(data.toString());
        if (received.length === 2) resolve();
      });
      ws.on('error', reject);
      setTimeout(() => reject(new Error(`timed out; got ${JSON.stringify(received)}`)), 15_000);
    });
    ws.close();
    assert.deepEqual(received, ['hello through the preview', 'second frame ✓']);

    for (const headers of [{ cookie: eve }, {}]) {
      const status = await new Promise<number>((resolve) => {
        const stranger = new WebSocket(wsUrl, { headers });
        stranger.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        stranger.on('open', () => resolve(101));
        stranger.on('error', () => resolve(-1));
      });
      assert.equal(status, 404);
    }
    const unpublished = await new Promise<number>((resolve) => {
      const ws9 = new WebSocket(`${cp.baseUrl.replace('http', 'ws')}${prefix(9999)}/`, {
        headers: { cookie: ada },
      });
      ws9.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
      ws9.on('open', () => resolve(101));
      ws9.on('error', () => resolve(-1));
    });
    assert.equal(unpublished, 404);
  });

  test('stopping the container takes its port away: the link goes and the preview answers 404', async () => {
    const before = await ports();
    const waiting = ports(before.version);
    const t0 = Date.now();
    await inNode('docker stop -t 1 site >/dev/null');
    const answer = await waiting;
    console.log(`# port gone from the ports answer ${Date.now() - t0} ms after docker stop was issued`);
    assert.ok(!answer.ports.some((p) => p.port === 8080), JSON.stringify(answer));
    assert.ok(answer.ports.some((p) => p.port === 8081));
    const gone = await fetch(`${cp.baseUrl}${prefix(8080)}/`, { headers: { cookie: ada } });
    assert.equal(gone.status, 404);
  });

  test("a stranger cannot list the sandbox's ports", async () => {
    assert.equal((await cp.call('GET', `/api/sandboxes/${sandboxId}/ports`, { cookie: eve })).status, 404);
    assert.equal((await cp.call('GET', `/api/sandboxes/${sandboxId}/ports`)).status, 401);
  });
});
