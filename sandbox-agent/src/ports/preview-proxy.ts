import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { CLIENT_AUTHORIZATION_HEADER } from '../../../contract/agent-api.ts';
import { BerthError, isBerthError } from '../../../contract/errors.ts';
import { nodeNameSchema, sandboxIdSchema } from '../../../contract/ids.ts';
import type { PortPreviews } from './port-previews.ts';
import { sendPreviewError } from './preview-error.ts';

// The agent's half of a port preview: /v1/sandboxes/:id/nodes/:node/ports/:port/proxy/<path> is relayed —
// any method, streamed bodies, websocket upgrades — to <node's address>:<port>, and only when that port is
// published on that node right now. The control plane has already checked who is asking.

// Matched on the raw request path, never a URL-normalised one: "…/proxy/../../<other route>" must stay a
// path on the learner's server and never become another agent route.
const PREVIEW_PATH =
  /^\/v1\/sandboxes\/([^/?#]+)\/nodes\/([^/?#]+)\/ports\/([1-9][0-9]{0,4})\/proxy([/?].*)?$/;

interface PreviewRequest {
  sandboxId: string;
  node: string;
  port: number;
  /** Path and query on the learner's server. */
  rest: string;
}

export function isPreviewPath(rawUrl: string | undefined): boolean {
  return PREVIEW_PATH.test(rawUrl ?? '');
}

function parsePreview(rawUrl: string | undefined): PreviewRequest {
  const m = (rawUrl ?? '').match(PREVIEW_PATH);
  const sandboxId = sandboxIdSchema.safeParse(m?.[1]);
  const node = nodeNameSchema.safeParse(m?.[2]);
  const port = Number(m?.[3]);
  if (!m || !sandboxId.success || !node.success || !(port >= 1 && port <= 65_535)) {
    throw new BerthError('not_found', 'no such preview');
  }
  const rest = m[4] ?? '/';
  return { sandboxId: sandboxId.data, node: node.data, port, rest: rest.startsWith('?') ? `/${rest}` : rest };
}

// The agent token must never reach the learner's server; the browser's own credentials may.
function handOverClientHeaders(req: http.IncomingMessage): void {
  const client = req.headers[CLIENT_AUTHORIZATION_HEADER];
  delete req.headers[CLIENT_AUTHORIZATION_HEADER];
  if (typeof client === 'string' && client) req.headers.authorization = client;
  else delete req.headers.authorization;
}

function badGateway(p: PreviewRequest): BerthError {
  return new BerthError(
    'bad_gateway',
    `Nothing answered on ${p.node}:${p.port}. Is the server in your container running and listening on its port?`,
  );
}

export function createPreviewProxy(previews: PortPreviews) {
  // Host stays the browser's, so absolute redirects the learner's server makes can be mapped back by the
  // control plane. No keep-alive agent: each preview request is its own connection to the node.
  const proxy = createProxyServer({ changeOrigin: false, xfwd: false });
  // Errors are handled per call; this keeps a stray one from becoming an unhandled 'error' event.
  proxy.on('error', () => {});

  // Which published port the request is for (or a refusal), with the request rewritten for the node.
  async function resolve(req: http.IncomingMessage): Promise<{ p: PreviewRequest; target: string }> {
    const p = parsePreview(req.url);
    const { host, port } = await previews.target(p.sandboxId, p.node, p.port);
    req.url = p.rest;
    handOverClientHeaders(req);
    return { p, target: `http://${host}:${port}` };
  }

  return {
    /** Relays an HTTP request; a refusal is answered here (a page for people, JSON for scripts). */
    async web(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
      let p: PreviewRequest;
      let target: string;
      try {
        ({ p, target } = await resolve(req));
      } catch (e) {
        sendPreviewError(req, res, e);
        return;
      }
      proxy.web(req, res, { target }, () => sendPreviewError(req, res, badGateway(p)));
    },

    /** Relays a websocket upgrade; refusals are written to the socket as plain HTTP answers. */
    async ws(req: http.IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
      let p: PreviewRequest;
      let target: string;
      try {
        ({ p, target } = await resolve(req));
      } catch (e) {
        const err = isBerthError(e) ? e : new BerthError('internal', 'preview failed');
        refuseUpgrade(socket, err);
        return;
      }
      proxy.ws(req, socket, head, { target }, () => {
        if (socket.writable) refuseUpgrade(socket, badGateway(p));
        else socket.destroy();
      });
    },
  };
}

function refuseUpgrade(socket: Duplex, err: BerthError): void {
  const body = JSON.stringify({ error: { code: err.code, message: err.message } });
  socket.end(
    `HTTP/1.1 ${err.status} ${err.code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
