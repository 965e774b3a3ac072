import { timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { type WebSocket, WebSocketServer } from 'ws';
import type { z } from 'zod';
import {
  createSandboxBody,
  execBody,
  portsQuerySchema,
  revealAnswersBody,
  runChecksBody,
  writeFileBody,
} from '../../../contract/agent-api.ts';
import { BerthError, isBerthError } from '../../../contract/errors.ts';
import { nodeFilePathSchema } from '../../../contract/node-files.ts';
import { revealAnswers } from '../checks/reveal-answers.ts';
import { runChecks } from '../checks/run-checks.ts';
import type { Engine } from '../docker/engine.ts';
import { readNodePath, writeNodeFile } from '../files/node-files.ts';
import { PortPreviews } from '../ports/port-previews.ts';
import { createPreviewProxy, isPreviewPath } from '../ports/preview-proxy.ts';
import type { SandboxManager } from '../sandboxes/sandbox-manager.ts';
import { attachTerminalSocket } from '../terminal/attach-terminal-socket.ts';

// The agent's API: JSON over HTTP plus the terminal websocket, for the control plane only (bearer token).

const MAX_BODY = 1024 * 1024;
// A 1 MiB file JSON-escaped can be several times larger on the wire; the files module enforces 1 MiB.
const MAX_FILE_BODY = 8 * 1024 * 1024;

export function createAgentServer(deps: {
  manager: SandboxManager;
  engine: Engine;
  token: string;
  agentId: string;
}) {
  const { manager, engine } = deps;
  const expected = Buffer.from(`Bearer ${deps.token}`);
  const authorised = (req: http.IncomingMessage) => {
    const got = Buffer.from(req.headers.authorization ?? '');
    return got.length === expected.length && timingSafeEqual(got, expected);
  };
  const ports = new PortPreviews(engine, manager);
  const preview = createPreviewProxy(ports);

  const routes: Array<
    [
      string,
      RegExp,
      (
        m: RegExpMatchArray,
        body: (limit?: number) => Promise<unknown>,
        url: URL,
      ) => Promise<[number, unknown]>,
    ]
  > = [
    [
      'GET',
      /^\/v1\/info$/,
      async () => [
        200,
        {
          id: deps.agentId,
          sandboxes: manager.list().length,
          capacity: manager.capacity,
          disk: manager.diskReport(),
        },
      ],
    ],
    ['GET', /^\/v1\/sandboxes$/, async () => [200, { sandboxes: manager.list() }]],
    [
      'POST',
      /^\/v1\/sandboxes$/,
      async (_m, body) => {
        const input = parse(createSandboxBody, await body());
        return [201, await manager.create(input)];
      },
    ],
    [
      'DELETE',
      /^\/v1\/sandboxes\/([^/]+)$/,
      async (m) => {
        await manager.remove(m[1]!);
        return [200, { removed: true }];
      },
    ],
    // Published ports of the sandbox's nodes; with ?after=<version>&waitMs=N, answers when they change.
    [
      'GET',
      /^\/v1\/sandboxes\/([^/]+)\/ports$/,
      async (m, _body, url) => {
        const q = parse(portsQuerySchema, Object.fromEntries(url.searchParams));
        return [200, await ports.list(m[1]!, q)];
      },
    ],
    [
      'POST',
      /^\/v1\/sandboxes\/([^/]+)\/checks$/,
      async (m, body) => {
        const input = parse(runChecksBody, await body());
        const containerId = manager.nodeContainer(m[1]!, input.node);
        const tasks = await runChecks({
          engine,
          containerId,
          nodeContainer: (node) => manager.nodeContainer(m[1]!, node),
          tasks: input.tasks,
          timeoutMs: input.timeoutMs,
        });
        return [200, { tasks }];
      },
    ],
    // The expected values of live answers, for `lessons verify` only (contract/agent-api.ts).
    [
      'POST',
      /^\/v1\/sandboxes\/([^/]+)\/answers$/,
      async (m, body) => {
        const input = parse(revealAnswersBody, await body());
        const answers = await revealAnswers({
          engine,
          containerId: manager.nodeContainer(m[1]!, input.node),
          nodeContainer: (node) => manager.nodeContainer(m[1]!, node),
          sources: input.sources,
          timeoutMs: input.timeoutMs,
        });
        return [200, { answers }];
      },
    ],
    [
      'POST',
      /^\/v1\/sandboxes\/([^/]+)\/nodes\/([^/]+)\/exec$/,
      async (m, body) => {
        const input = parse(execBody, await body());
        const containerId = manager.nodeContainer(m[1]!, m[2]!);
        const res = await engine.exec(containerId, ['bash', '-lc', input.script], {
          timeoutMs: input.timeoutMs,
        });
        return [200, { exitCode: res.exitCode, output: res.output, timedOut: res.timedOut }];
      },
    ],
    // A directory's entries or a file's content on a node, for the editor.
    [
      'GET',
      /^\/v1\/sandboxes\/([^/]+)\/nodes\/([^/]+)\/files$/,
      async (m, _body, url) => {
        const path = parse(nodeFilePathSchema, url.searchParams.get('path') ?? '');
        return [200, await readNodePath(engine, manager.nodeContainer(m[1]!, m[2]!), path)];
      },
    ],
    // Writes a file on a node (parents created, owned by the node's root), for the editor.
    [
      'PUT',
      /^\/v1\/sandboxes\/([^/]+)\/nodes\/([^/]+)\/files$/,
      async (m, body, url) => {
        const path = parse(nodeFilePathSchema, url.searchParams.get('path') ?? '');
        const input = parse(writeFileBody, await body(MAX_FILE_BODY));
        return [200, await writeNodeFile(engine, manager.nodeContainer(m[1]!, m[2]!), path, input.content)];
      },
    ],
  ];

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    try {
      if (!authorised(req)) throw new BerthError('unauthorized', 'missing or wrong agent token');
      // Port previews carry any method and a streamed body; matched on the raw path (preview-proxy.ts).
      if (isPreviewPath(req.url)) return await preview.web(req, res);
      const url = new URL(req.url ?? '/', 'http://agent');
      for (const [method, re, handler] of routes) {
        const m = url.pathname.match(re);
        if (m && req.method === method) {
          const [status, body] = await handler(m, (limit) => readJson(req, limit), url);
          send(status, body);
          return;
        }
      }
      throw new BerthError('not_found', 'no such agent route');
    } catch (e) {
      const err = isBerthError(e) ? e : new BerthError('internal', 'agent error');
      if (!isBerthError(e)) console.error('[agent]', e);
      send(err.status, { error: { code: err.code, message: err.message } });
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    if (authorised(req) && isPreviewPath(req.url)) {
      void preview.ws(req, socket, head);
      return;
    }
    const url = new URL(req.url ?? '/', 'http://agent');
    const m = url.pathname.match(/^\/v1\/sandboxes\/([^/]+)\/nodes\/([^/]+)\/terminal$/);
    if (!authorised(req) || !m) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      attachTerminalSocket(ws, () => manager.terminal(m[1]!, m[2]!));
    });
  });

  server.on('close', () => ports.close());
  return server;
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const r = schema.safeParse(body);
  if (!r.success) {
    throw new BerthError(
      'validation_failed',
      r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    );
  }
  return r.data;
}

async function readJson(req: http.IncomingMessage, limit = MAX_BODY): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > limit) throw new BerthError('payload_too_large', 'request body too large');
    chunks.push(c as Buffer);
  }
  if (!size) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new BerthError('bad_request', 'body is not valid JSON');
  }
}
