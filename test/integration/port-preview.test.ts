import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { addInstructor } from '../../server/auth/add-instructor.ts';
import { db } from '../../server/db/client.ts';
import { signPreviewToken } from '../../server/preview/preview-token.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';
import { installInnerServers, RUN, SITE_INDEX } from '../support/inner-servers.ts';

const LESSON = 'networking/container-links';

interface PortsAnswer {
  version: string;
  ports: { node: string; port: number; containerPort: number; container: string; url: string }[];
}

// Port previews end to end: `docker run -p` inside a real node → the agent's event watch → the ports API
// (long poll) → a ticket link (POST …/previews) → /preview/… on the preview origin (a listener of its own)
// through the agent to the node, HTTP and websocket.
describe('port previews on their own origin', () => {
  let cp: ControlPlane;
  let ada: string;
  let eve: string;
  let sandboxId: string;
  let version = '';
  /** Ada's preview cookies, one per port she opened (the preview origin's own, never Berth's session). */
  const grants = new Map<number, string>();
  const prefix = (port: number) => `/preview/${sandboxId}/node1/${port}`;
  const ticketFor = async (cookie: string, port: number, node = 'node1') =>
    cp.call('POST', `/api/sandboxes/${sandboxId}/previews`, { cookie, body: { node, port } });
  // Opens a preview as the page does: a ticket link, then the preview origin's redirect that sets its cookie.
  const openPreview = async (cookie: string, port: number): Promise<string> => {
    const ticket = await ticketFor(cookie, port);
    assert.equal(ticket.status, 201, JSON.stringify(ticket.json));
    const res = await fetch(ticket.json.url, { redirect: 'manual' });
    assert.equal(res.status, 303, await res.text());
    const grant = res.headers.get('set-cookie')?.split(';')[0];
    assert.ok(grant?.startsWith('berth_preview=') && grant);
    return grant;
  };
  const grant = async (port: number) => {
    if (!grants.has(port)) grants.set(port, await openPreview(ada, port));
    return grants.get(port)!;
  };
  const preview = (path: string) => `${cp.previewBaseUrl}${path}`;
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
        url: `${cp.previewBaseUrl}/preview/${sandboxId}/node1/8080/`,
      },
    ]);
    assert.notEqual(answer.version, version);
    version = answer.version;
  });

  test('a ticket link opens the preview on its own origin: one use, a cookie of its own for that port only', async () => {
    const ticket = await ticketFor(ada, 8080);
    assert.equal(ticket.status, 201);
    const url = new URL(ticket.json.url);
    assert.equal(url.origin, cp.previewBaseUrl, 'on the preview origin, not Berth’s');
    assert.notEqual(url.origin, cp.baseUrl);
    assert.equal(`${url.pathname}`, `${prefix(8080)}/`);
    assert.ok(Date.parse(ticket.json.expiresAt) - Date.now() <= 60_000);

    const first = await fetch(url, { redirect: 'manual' });
    assert.equal(first.status, 303);
    assert.equal(first.headers.get('location'), `${prefix(8080)}/`, 'the ticket leaves the address bar');
    const setCookie = first.headers.get('set-cookie') ?? '';
    assert.match(
      setCookie,
      /^berth_preview=[^;]+; Path=\/preview\/sbx_[0-9a-f]+\/node1\/8080; HttpOnly; SameSite=Lax/,
    );
    grants.set(8080, setCookie.split(';')[0]!);

    const again = await fetch(url, { redirect: 'manual', headers: { accept: 'text/html' } });
    assert.equal(again.status, 404, 'a ticket works once');
    assert.match(await again.text(), /already used/);

    // A ticket names one preview: replayed on another port it is refused (and not spent).
    const other = await ticketFor(ada, 8080);
    const moved = other.json.url.replace('/8080/', '/8082/');
    assert.equal((await fetch(moved, { redirect: 'manual' })).status, 404);
    // An expired ticket is refused even though Berth signed it.
    const session = await db().session.findFirstOrThrow({ where: { user: { name: 'Ada' } } });
    const { token } = signPreviewToken(
      'ticket',
      session.id,
      { sbx: sandboxId, node: 'node1', port: 8080 },
      -1,
    );
    const expired = await fetch(preview(`${prefix(8080)}/?berth-preview-ticket=${token}`), {
      redirect: 'manual',
    });
    assert.equal(expired.status, 404);
  });

  test('the owner gets the page, its sub-pages and redirects under the prefix', async () => {
    const cookie = await grant(8080);
    const page = await fetch(preview(`${prefix(8080)}/`), { headers: { cookie } });
    assert.equal(page.status, 200);
    assert.equal(await page.text(), SITE_INDEX);

    const bare = await fetch(preview(`${prefix(8080)}?x=1`), {
      headers: { cookie },
      redirect: 'manual',
    });
    assert.equal(bare.status, 308);
    assert.equal(bare.headers.get('location'), `${prefix(8080)}/?x=1`);

    // busybox httpd redirects a directory to its slash form with "Location: /docs/".
    const dir = await fetch(preview(`${prefix(8080)}/docs`), {
      headers: { cookie },
      redirect: 'manual',
    });
    assert.equal(dir.status, 302);
    assert.equal(dir.headers.get('location'), `${prefix(8080)}/docs/`);
    const docs = await fetch(preview(`${prefix(8080)}/docs`), { headers: { cookie } });
    assert.equal(await docs.text(), 'docs page\n');
  });

  test("Berth's own origin serves no preview, and Berth's session opens none on the preview origin", async () => {
    for (const headers of [{ cookie: ada }, { cookie: `${ada}; ${await grant(8080)}` }]) {
      const old = await fetch(`${cp.baseUrl}${prefix(8080)}/`, { headers, redirect: 'manual' });
      assert.equal(old.status, 404, 'the old path on Berth’s origin');
      assert.doesNotMatch(await old.text(), /hello from a published port/);
    }
    const withSession = await fetch(preview(`${prefix(8080)}/`), { headers: { cookie: ada } });
    assert.equal(withSession.status, 404);
    // The preview origin is nothing but previews: no API, no terminal.
    assert.equal(
      (await fetch(preview(`/api/sandboxes/${sandboxId}`), { headers: { cookie: ada } })).status,
      404,
    );
  });

  test('methods, query strings and streamed request bodies reach the server; the session cookie does not', async () => {
    const body = 'x'.repeat(300_000);
    const res = await fetch(preview(`${prefix(8080)}/cgi-bin/echo?a=1&b=two`), {
      method: 'POST',
      headers: { cookie: `theme=dark; ${ada}; ${await grant(8080)}`, 'content-type': 'text/plain' },
      body,
    });
    assert.equal(res.status, 200);
    const text = await res.text();
    const [head, echoed] = [text.slice(0, text.indexOf('\n')), text.slice(text.indexOf('\n') + 1)];
    assert.equal(head, `method=POST query=a=1&b=two cookie=theme=dark prefix=${prefix(8080)}`);
    assert.equal(echoed.length, body.length);
  });

  test("neither Berth's cookies nor the agent token reach the learner's server", async () => {
    await inNode(RUN.headers(8082));
    await portsUntil((a) => a.ports.some((p) => p.port === 8082));
    // A grant opens its own port only.
    const wrongPort = await fetch(preview(`${prefix(8082)}/whoami`), {
      headers: { cookie: await grant(8080) },
    });
    assert.equal(wrongPort.status, 404);
    const res = await fetch(preview(`${prefix(8082)}/whoami`), {
      headers: {
        cookie: `${ada}; berth_lang=zh; ${await grant(8082)}`,
        authorization: 'Basic bGVhcm5lcjpzZWNyZXQ=',
      },
    });
    assert.equal(res.status, 200);
    const seen = (await res.text()).toLowerCase();
    assert.match(seen, /^get \/whoami http\/1\.1\n/);
    assert.match(seen, /\nauthorization: basic bgvhcm5lcjpzzwnyzxq=\n/, 'the browser’s own credentials pass');
    assert.doesNotMatch(seen, /berth_session|berth_preview|berth_lang|bearer|x-berth/);
    assert.doesNotMatch(seen, new RegExp(process.env.BERTH_AGENT_TOKEN!.toLowerCase()));
    assert.match(seen, new RegExp(`\nx-forwarded-prefix: ${prefix(8082).toLowerCase()}\n`));
  });

  test('anyone but the owner gets 404, and so does a port that is not published', async () => {
    const eves = await ticketFor(eve, 8080);
    assert.equal(eves.status, 404, 'no ticket for a stranger');
    assert.equal(
      (await cp.call('POST', `/api/sandboxes/${sandboxId}/previews`, { body: { node: 'node1', port: 8080 } }))
        .status,
      401,
    );
    const eveBrowsing = await fetch(preview(`${prefix(8080)}/`), { headers: { cookie: eve } });
    assert.equal(eveBrowsing.status, 404);
    assert.doesNotMatch(await eveBrowsing.text(), /hello from a published port/);
    const anonymous = await fetch(preview(`${prefix(8080)}/`));
    assert.equal(anonymous.status, 404);
    for (const forged of ['berth_preview=forged', 'berth_preview=e30.AAAA', 'berth_session=forged']) {
      assert.equal(
        (await fetch(preview(`${prefix(8080)}/`), { headers: { cookie: forged } })).status,
        404,
        forged,
      );
    }
    // A planted cookie of the same name listed first does not hide the real one.
    const planted = await fetch(preview(`${prefix(8080)}/`), {
      headers: { cookie: `berth_preview=planted; ${await grant(8080)}` },
    });
    assert.equal(planted.status, 200);

    const unpublished = await fetch(preview(`${prefix(9999)}/`), {
      headers: { cookie: await openPreview(ada, 9999) },
    });
    assert.equal(unpublished.status, 404);
    assert.match((await unpublished.json()).error.message, /Nothing is published on node1:9999/);
    // A port the learner's container listens on inside the node without -p is not reachable either.
    await inNode('docker run -d --name hidden busybox httpd -f -p 80');
    const hidden = await fetch(preview(`${prefix(80)}/`), {
      headers: { cookie: await openPreview(ada, 80) },
    });
    assert.equal(hidden.status, 404);
    const node2 = await ticketFor(ada, 8080, 'node2');
    assert.equal(node2.status, 404, 'a node the sandbox does not have');
    const html = await fetch(preview(`${prefix(9999)}/`), {
      headers: { cookie: await openPreview(ada, 9999), accept: 'text/html' },
    });
    assert.match(html.headers.get('content-type') ?? '', /text\/html/);
    assert.match(await html.text(), /Preview unavailable/);
  });

  test('dot segments in a preview path stay on the learner server and never reach another agent route', async () => {
    // Sent raw (fetch would normalise it): a DELETE that would remove the sandbox if the agent routed it.
    // It lands on the learner's own server (the headers echo on 8082) as a path there, and nothing else.
    const { status, seen } = await new Promise<{ status: number; seen: string }>((resolve, reject) => {
      const url = new URL(cp.previewBaseUrl);
      const req = http.request(
        {
          host: url.hostname,
          port: url.port,
          method: 'DELETE',
          path: `${prefix(8082)}/../../../../../../v1/sandboxes/${sandboxId}`,
          headers: { cookie: grants.get(8082) },
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
    const wsUrl = `${cp.previewBaseUrl.replace('http', 'ws')}${prefix(8081)}/echo`;
    const cookie = await openPreview(ada, 8081);
    const ws = new WebSocket(wsUrl, { headers: { cookie }, origin: cp.previewBaseUrl });
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

    const upgradeStatus = (url: string, opts: WebSocket.ClientOptions) =>
      new Promise<number>((resolve) => {
        const other = new WebSocket(url, opts);
        other.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        other.on('open', () => {
          resolve(101);
          other.close();
        });
        other.on('error', () => resolve(-1));
      });
    for (const headers of [{ cookie: eve }, { cookie: ada }, {}] as Record<string, string>[]) {
      assert.equal(await upgradeStatus(wsUrl, { headers }), 404);
    }
    // Only the preview's own pages open websockets into it: not Berth's pages, not another site.
    for (const origin of [cp.baseUrl, 'http://evil.example']) {
      assert.equal(await upgradeStatus(wsUrl, { headers: { cookie }, origin }), 403, origin);
    }
    const unpublished = await new Promise<number>((resolve) => {
      const ws9 = new WebSocket(`${cp.previewBaseUrl.replace('http', 'ws')}${prefix(9999)}/`, {
        headers: { cookie: grants.get(9999) ?? '' },
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
    const gone = await fetch(preview(`${prefix(8080)}/`), { headers: { cookie: await grant(8080) } });
    assert.equal(gone.status, 404);
  });

  test("a stranger cannot list the sandbox's ports", async () => {
    assert.equal((await cp.call('GET', `/api/sandboxes/${sandboxId}/ports`, { cookie: eve })).status, 404);
    assert.equal((await cp.call('GET', `/api/sandboxes/${sandboxId}/ports`)).status, 401);
  });

  test("the instructor of Ada's classroom opens her preview; another instructor and other learners get 404", async () => {
    for (const email of ['teacher@example.test', 'other@example.test'])
      await addInstructor(email, 'a long enough password');
    const login = async (email: string) => {
      const res = await fetch(`${cp.baseUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: 'a long enough password' }),
      });
      assert.equal(res.status, 200);
      return res.headers.get('set-cookie')!.split(';')[0]!;
    };
    const teacher = await login('teacher@example.test');
    const other = await login('other@example.test');
    const classroom = await cp.call('POST', '/api/classrooms', {
      cookie: teacher,
      body: { title: 'Docker 101', lessonIds: [LESSON] },
    });
    assert.equal(classroom.status, 201, JSON.stringify(classroom.json));
    // Ada signed in as a guest before the classroom existed; she is put in it as a join would.
    const owner = await db().sandbox.findUniqueOrThrow({ where: { id: sandboxId } });
    await db().user.update({ where: { id: owner.userId }, data: { classroomId: classroom.json.id } });

    await inNode(RUN.site(8083, 'site2'));
    await portsUntil((a) => a.ports.some((p) => p.port === 8083));
    const listed = await cp.call('GET', `/api/sandboxes/${sandboxId}/ports`, { cookie: teacher });
    assert.equal(listed.status, 200, 'the instructor sees the learner’s ports');
    assert.ok(listed.json.ports.some((p: { port: number }) => p.port === 8083));
    const page = await fetch(preview(`${prefix(8083)}/`), {
      headers: { cookie: await openPreview(teacher, 8083) },
    });
    assert.equal(page.status, 200);
    assert.equal(await page.text(), SITE_INDEX);

    for (const stranger of [other, eve]) {
      assert.equal((await ticketFor(stranger, 8083)).status, 404);
      assert.equal(
        (await cp.call('GET', `/api/sandboxes/${sandboxId}/ports`, { cookie: stranger })).status,
        404,
      );
    }
    // Signing out ends what the session opened.
    const teachersGrant = await openPreview(teacher, 8083);
    await cp.call('POST', '/api/auth/logout', { cookie: teacher });
    assert.equal(
      (await fetch(preview(`${prefix(8083)}/`), { headers: { cookie: teachersGrant } })).status,
      404,
    );
  });
});
