import type http from 'node:http';
import type { Duplex } from 'node:stream';
import { createProxyServer } from 'http-proxy-3';
import { CLIENT_AUTHORIZATION_HEADER } from '../../contract/agent-api.ts';
import { BerthError } from '../../contract/errors.ts';
import type { AgentRef } from '../agents/agent-client.ts';
import { userOfSession } from '../auth/user-from-token.ts';
import { config } from '../config.ts';
import { readyNodeOfSandbox } from '../files/ready-node-of-sandbox.ts';
import { errorBody } from '../http/error-response.ts';
import { isAllowedOrigin } from '../http/same-origin.ts';
import { grantFromCookies } from './preview-cookie.ts';
import { sendPreviewError } from './preview-error.ts';
import { cookieWithoutBerth, rewriteLocation, rewriteSetCookies } from './preview-headers.ts';
import { PREVIEW_PREFIX, type PreviewPath, parsePreviewPath, TICKET_PARAM } from './preview-path.ts';
import type { PreviewClaim } from './preview-token.ts';
import { redeemPreviewTicket } from './redeem-preview-ticket.ts';

// /preview/<sandbox>/<node>/<port>/… on the preview origin (preview-server.ts) — a port the learner published
// on a node, opened in the browser. Berth's session cookie means nothing here: a link from Berth carries a
// ticket, traded once for this origin's own cookie (redeem-preview-ticket.ts), and every request is checked
// again — the viewer's Berth session still live, the sandbox still theirs or their learner's (anyone else
// gets 404). The request then goes to the sandbox's agent, which relays it to that node only if the port is
// published there. HTTP (any method, streamed bodies) and websocket upgrades; Berth's cookies are stripped.

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
  // A service worker of one preview must not claim scope over the others on this origin.
  delete proxyRes.headers['service-worker-allowed'];
});

// The one rule for a viewer of a preview, for tickets, HTTP and websockets alike.
async function authoriseViewer(claim: PreviewClaim, p: PreviewPath): Promise<AgentRef> {
  const user = await userOfSession(claim.sid);
  if (!user) throw new BerthError('not_found', 'No such preview. Open it from Berth.');
  const { agent } = await readyNodeOfSandbox(user, p.sandboxId, p.node, { watch: true });
  return agent;
}

function authorisePreview(req: http.IncomingMessage, p: PreviewPath): Promise<AgentRef> {
  const claim = grantFromCookies(req.headers.cookie, { sbx: p.sandboxId, node: p.node, port: p.port });
  // No grant looks like "not yours": a preview URL reveals nothing to anyone it was not opened for.
  if (!claim) throw new BerthError('not_found', 'No such preview. Open it from Berth.');
  return authoriseViewer(claim, p);
}

// What the agent receives: the learner server's path on the agent's preview route, the agent token, and
// the browser's headers minus Berth's cookies (its own Authorization travels in a side header).
function prepareForAgent(req: http.IncomingMessage, p: PreviewPath, agent: AgentRef): string {
  const cookie = cookieWithoutBerth(req.headers.cookie);
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

/** A preview link's ticket → this origin's cookie, then the same URL without the ticket. */
async function redeem(req: http.IncomingMessage, res: http.ServerResponse, p: PreviewPath, ticket: string) {
  const cookie = await redeemPreviewTicket(ticket, p, (claim) => authoriseViewer(claim, p));
  const url = new URL(req.url ?? '/', 'http://preview');
  url.searchParams.delete(TICKET_PARAM);
  res.writeHead(303, {
    location: `${url.pathname}${url.search}`,
    'set-cookie': cookie,
    'cache-control': 'no-store',
    // The ticket is spent, but it need not travel on in a Referer either.
    'referrer-policy': 'no-referrer',
  });
  res.end();
}

export async function handlePreviewRequest(
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const p = parsePreviewPath(req.url);
    if (!p) throw new BerthError('not_found', 'No such preview.');
    if (p.rest === undefined) {
      // "…/8080" → "…/8080/", so the page's relative links resolve under the prefix.
      const query = (req.url ?? '').slice(p.prefix.length);
      res.writeHead(308, { location: `${p.prefix}/${query}` });
      res.end();
      return;
    }
    const ticket = new URL(p.rest, 'http://preview').searchParams.get(TICKET_PARAM);
    if (ticket !== null && (req.method === 'GET' || req.method === 'HEAD'))
      return await redeem(req, res, p, ticket);
    const agent = await authorisePreview(req, p);
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
    // A websocket into a learner's app is opened by pages of this origin only.
    const own = config().BERTH_PREVIEW_ORIGIN;
    if (!isAllowedOrigin(req.headers.origin, req.headers.host, own ? [own] : [], null))
      throw new BerthError('forbidden', 'Websockets into a preview open from the preview itself only.');
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
