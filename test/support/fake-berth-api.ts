// A fake of Berth's sandbox API and terminal websocket inside the browser (Playwright routes), so a page
// can be driven into every state — starting, ready, out of capacity, failed, gone, a conflict with a
// sandbox of another lesson, a check result, the editor — without a sandbox engine. Pages, their server
// render and sign-in stay real or are faked too (`auth`), as the caller chooses.
import type { Page, WebSocketRoute } from 'playwright-core';

export const FAKE_EXERCISE = 'networking/container-links/ping-by-name';
const user = { id: 'u1', name: 'Ada', role: 'learner' };
const expiresAt = () => new Date(Date.now() + 110 * 60_000).toISOString();

export interface Fake {
  /** Fake /api/auth/* too (a server with no database); else the page's real session is used. */
  auth?: boolean;
  signedIn: boolean;
  sandbox: 'ready' | 'starting' | 'capacity' | 'failed';
  check?: 'pass' | 'fail';
  wsError?: string;
  /** The sandbox's nodes; default ['node1']. */
  nodes?: string[];
  /** POST /api/sandboxes with onLive=ask answers 409: a live sandbox of another lesson. */
  conflict?: { reusable: boolean; lessonId: string };
  /** Every POST /api/sandboxes body and DELETE, in order, for assertions. */
  calls?: string[];
  /** Files the fake editor API knows (path → content); others are 404. */
  files?: Map<string, string>;
}

function json(status: number, body: unknown) {
  return { status, contentType: 'application/json', body: JSON.stringify(body) };
}

export async function fakeBerthApi(page: Page, fake: Fake): Promise<void> {
  await page.route('**/api/**', async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const p = url.pathname;
    if (p.startsWith('/api/auth/') && !fake.auth) return route.continue();
    if (p === '/api/auth/me')
      return route.fulfill(
        fake.signedIn
          ? json(200, { user })
          : json(401, { error: { code: 'unauthorized', message: 'Sign in' } }),
      );
    if (p === '/api/auth/guest') {
      fake.signedIn = true;
      return route.fulfill(json(200, { user: { ...user, name: JSON.parse(req.postData() ?? '{}').name } }));
    }
    if (p === '/api/progress')
      return route.fulfill(
        json(200, {
          exercises: [
            { exerciseId: FAKE_EXERCISE, passed: true, attempts: 1, checkedAt: '2025-01-01T10:00:00.000Z' },
          ],
        }),
      );
    if (p === '/api/sandboxes' && req.method() === 'POST') {
      const body = JSON.parse(req.postData() ?? '{}') as { onLive?: string };
      fake.calls?.push(`POST ${body.onLive ?? '-'}`);
      if (fake.conflict && body.onLive === 'ask') {
        const live = {
          id: 'sb0',
          state: 'ready',
          nodes: ['node1'],
          expiresAt: expiresAt(),
          lessonId: fake.conflict.lessonId,
        };
        return route.fulfill(
          json(409, {
            error: { code: 'conflict', message: 'You have a live sandbox from another lesson.' },
            sandbox: live,
            reusable: fake.conflict.reusable,
          }),
        );
      }
      if (fake.sandbox === 'capacity')
        return route.fulfill(
          json(503, {
            error: { code: 'out_of_capacity', message: 'No worker has room for another sandbox.' },
          }),
        );
      if (fake.sandbox === 'failed')
        return route.fulfill(
          json(201, {
            id: 'sb1',
            state: 'failed',
            nodes: ['node1'],
            expiresAt: expiresAt(),
            failureReason: 'node1: dockerd did not answer within 30 s',
          }),
        );
      return route.fulfill(
        json(201, { id: 'sb1', state: 'starting', nodes: fake.nodes ?? ['node1'], expiresAt: expiresAt() }),
      );
    }
    if (p === '/api/sandboxes/sb1' && req.method() === 'DELETE') {
      fake.calls?.push('DELETE');
      return route.fulfill(
        json(200, { id: 'sb1', state: 'stopped', nodes: ['node1'], expiresAt: expiresAt() }),
      );
    }
    if (p.startsWith('/api/sandboxes/sb1/checks')) {
      await new Promise((r) => setTimeout(r, 400));
      const pass = fake.check === 'pass';
      return route.fulfill(
        json(200, {
          exerciseId: FAKE_EXERCISE,
          passed: pass,
          tasks: [
            {
              id: 'network',
              title: 'A user-defined bridge network exists',
              passed: true,
              message: 'Found mynet.',
            },
            {
              id: 'both-running',
              title: 'Two busybox containers run on it',
              passed: true,
              message: 'alpha and beta are running on mynet.',
            },
            {
              id: 'ping',
              title: 'They can ping each other by name',
              passed: pass,
              message: pass
                ? 'alpha reached beta by name.'
                : 'alpha could not resolve "beta". Are both on mynet?',
            },
          ],
        }),
      );
    }
    if (p === '/api/sandboxes/sb1/ports') {
      const port = {
        node: 'node1',
        port: 8080,
        containerPort: 80,
        container: 'web',
        url: '/preview/sb1/node1/8080/',
      };
      return route.fulfill(json(200, { version: 'v1', ports: [port] }));
    }
    if (p === '/api/sandboxes/sb1/files') {
      const path = url.searchParams.get('path') ?? '/';
      const files = fake.files ?? new Map<string, string>();
      if (req.method() === 'PUT') {
        const body = JSON.parse(req.postData() ?? '{}') as { path: string; content: string };
        files.set(body.path, body.content);
        return route.fulfill(json(200, { path: body.path, size: body.content.length }));
      }
      if (path === '/root')
        return route.fulfill(
          json(200, {
            path,
            type: 'directory',
            entries: [...files.keys()]
              .filter((f) => f.startsWith('/root/'))
              .map((f) => ({ name: f.slice(6), type: 'file', size: files.get(f)?.length ?? 0 })),
          }),
        );
      const content = files.get(path);
      if (content === undefined)
        return route.fulfill(json(404, { error: { code: 'not_found', message: `${path} not found` } }));
      return route.fulfill(json(200, { path, type: 'file', content, size: content.length }));
    }
    if (p === '/api/sandboxes/sb1' && req.method() === 'GET') {
      const state = fake.sandbox === 'ready' ? 'ready' : 'starting';
      return route.fulfill(
        json(200, { id: 'sb1', state, nodes: fake.nodes ?? ['node1'], expiresAt: expiresAt() }),
      );
    }
    return route.fulfill(json(404, { error: { code: 'not_found', message: 'Not found' } }));
  });

  await page.routeWebSocket(/\/ws\/terminal/, (ws: WebSocketRoute) => {
    let seq = 0;
    const send = (data: string) => ws.send(JSON.stringify({ type: 'data', seq: ++seq, data }));
    const node = new URL(ws.url()).searchParams.get('node') ?? 'node1';
    const prompt = `\x1b[1;32mroot@${node}\x1b[0m:\x1b[1;34m~\x1b[0m# `;
    let line = '';
    ws.onMessage((raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.type === 'hello') {
        if (fake.wsError) {
          ws.send(JSON.stringify({ type: 'error', code: fake.wsError, message: 'sandbox not found' }));
          return;
        }
        send(prompt); // the welcome is the page's own (the terminal's strings)
      } else if (frame.type === 'input') {
        for (const ch of frame.data as string) {
          if (ch === '\r') {
            send('\r\n');
            if (line.trim() === 'hostname') send(`${node}\r\n`);
            if (line.trim() === 'docker network ls')
              send(
                'NETWORK ID     NAME      DRIVER    SCOPE\r\n3c1f0a2b9d4e   bridge    bridge    local\r\n8a7e6d5c4b3a   host      host      local\r\n1f2e3d4c5b6a   none      null      local\r\n',
              );
            line = '';
            send(prompt);
          } else if (ch === '\x15') {
            line = ''; // Ctrl-U, as readline: the Run button clears the line first
          } else if (ch >= ' ') {
            line += ch;
            send(ch);
          }
        }
      } else if (frame.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
    });
  });
}
