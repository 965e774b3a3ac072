import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { CLIENT_AUTHORIZATION_HEADER } from '../../contract/agent-api.ts';
import { BerthError } from '../../contract/errors.ts';
import type { AgentRef } from '../agents/agent-client.ts';
import { readCookie, SESSION_COOKIE } from '../auth/session-cookie.ts';
import { userFromToken } from '../auth/user-from-token.ts';
import { readyNodeOfSandbox } from '../files/ready-node-of-sandbox.ts';
import { errorBody } from '../http/error-response.ts';
import { sendPreviewError } from './preview-error.ts';
import { cookieWithoutSession, rewriteLocation, rewriteSetCookies } from './preview-headers.ts';
import { PREVIEW_PREFIX, type PreviewPath, parsePreviewPath } from './preview-path.ts';

// /preview/<sandbox>/<node>/<port>/… — a port the learner published on a node, opened in the browser.
// Only the sandbox's owner gets through (the same cookie lookup and ownership rule as the API and the
// terminal; anyone else, signed in or not, gets 404). The request then goes to the sandbox's agent, which
// relays it to that node only if the port is published there. HTTP (any method, streamed bodies) and
// websocket upgrades; Berth's session cookie is stripped on the way.

export function isPreviewRequest(rawUrl: string | undefined): boolean {
  return rawUrl?.startsWith(PREVIEW_PREFIX) ?? false;
}

// xfwd: the learner's server sees X-Forwarded-For/-Host/-Proto (and X-Forwarded-Prefix, set below).
const proxy = createProxyServer({ xfwd: true, changeOrigin: false });
proxy.on('error', () => {}); // handled per call; never an unhandled 'error' event
const rewrites = new WeakMap<http.IncomingMessage, { prefix: string; host: string | undefined }>();

proxy.on('proxyRes', (proxyRes, req) => {
  const r = rewrites.get(req);
  if (!r) return;
  const location = proxyRes.headers.location;
  if (typeof location === 'string') proxyRes.headers.location = rewriteLocation(location, r.prefix, r.host);
  const cookies = proxyRes.headers['set-cookie'];
  if (cookies) proxyRes.headers['set-cookie'] = rewriteSetCookies(cookies, r.prefix);
  // A service worker of the preview must not claim scope over Berth's own pages.
  delete proxyRes.headers['service-worker-allowed'];
});

// The one gate for HTTP and websocket previews alike.
async function authorisePreview(req: http.IncomingMessage, p: PreviewPath): Promise<AgentRef> {
  const user = await userFromToken(readCookie(req.headers.cookie, SESSION_COOKIE)).catch(() => null);
  // Signed out looks like "not yours": a preview URL reveals nothing to anyone but its owner.
  if (!user) throw new BerthError('not_found', 'No such preview.');
  const { agent } = await readyNodeOfSandbox(user, p.sandboxId, p.node);
  return agent;
}

// What the agent receives: the learner server's path on the agent's preview route, the agent token, and
// the browser's headers minus Berth's session (its own Authorization travels in a side header).
function prepareForAgent(req: http.IncomingMessage, p: PreviewPath, agent: AgentRef): string {
  const cookie = cookieWithoutSession(req.headers.cookie);
  if (cookie) req.headers.cookie = cookie;
  else delete req.headers.cookie;
  const clientAuthorization = req.headers.authorization;
  delete req.headers[CLIENT_AUTHORIZATION_HEADER];
  if (clientAuthorization) req.headers[CLIENT_AUTHORIZATION_HEADER] = clientAuthorization;
  req.headers.authorization = `Bearer ${agent.token}`;
  req.headers['x-forwarded-prefix'] = p.prefix;
  rewrites.set(req, { prefix: p.prefix, host: req.headers.host });
  req.url = p.rest ?? '/';
  return `${agent.url}/v1/sandboxes/${p.sandboxId}/nodes/${p.node}/ports/${p.port}/proxy`;
}

export async function handlePreviewRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const p = parsePreviewPath(req.url);
    if (!p) throw new BerthError('not_found', 'No such preview.');
    const agent = await authorisePreview(req, p);
    if (p.rest === undefined) {
      // "…/8080" → "…/8080/", so the page's relative links resolve under the prefix.
      const query = (req.url ?? '').slice(p.prefix.length);
      res.writeHead(308, { location: `${p.prefix}/${query}` });
      res.end();
      return;
    }
    const target = prepareForAgent(req, p, agent);
    proxy.web(req, res, { target }, () => {
      if (res.headersSent) res.destroy();
      else
        sendPreviewError(req, res, new BerthError('agent_unavailable', 'The sandbox host is not answering.'));
    });
  } catch (e) {
    sendPreviewError(req, res, e);
  }
}

export async function handlePreviewUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer) {
  let target: string;
  try {
    const p = parsePreviewPath(req.url);
    if (!p?.rest) throw new BerthError('not_found', 'No such preview.');
    target = prepareForAgent(req, p, await authorisePreview(req, p));
  } catch (e) {
    const { status, body } = errorBody(e);
    const text = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${body.error.code}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
    return;
  }
  proxy.ws(req, socket, head, { target }, () => socket.destroy());
}
