import type http from 'node:http';
import type { Duplex } from 'node:stream';
import WebSocket, { WebSocketServer } from 'ws';
import { BerthError, isBerthError } from '../../contract/errors.ts';
import { type ClientFrame, parseClientFrame, type ServerFrame } from '../../contract/terminal-frames.ts';
import { type AgentRef, agentApi } from '../agents/agent-client.ts';
import { findAgent } from '../agents/agent-registry.ts';
import { readCookie, SESSION_COOKIE } from '../auth/session-cookie.ts';
import { userFromToken } from '../auth/user-from-token.ts';
import { db } from '../db/client.ts';
import { replicaHeaderLine } from '../http/replica-header.ts';
import { isAllowedOrigin } from '../http/same-origin.ts';
import { getSandboxOrThrow } from '../sandboxes/get-sandbox-or-throw.ts';
import { startHeartbeat } from './socket-heartbeat.ts';
import { startWatch, type WatchGate } from './terminal-watch.ts';

// /ws/terminal?sandbox=:id&node=node1[&watch=1] — authorises the upgrade with the same rule as HTTP
// (server/auth/access.ts: not yours → 404; with watch=1 also the instructor of the owner's classroom), then
// relays frames: the browser's are validated (and a watcher's gated, terminal-watch.ts) before they reach
// the agent, the agent's pass through.

export const TERMINAL_PATH = '/ws/terminal';
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;
const ACTIVITY_EVERY_MS = 30_000;

const wss = new WebSocketServer({ noServer: true, maxPayload: 512 * 1024, perMessageDeflate: false });
wss.on('headers', (headers) => headers.push(replicaHeaderLine()));

function reject(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

export async function handleTerminalUpgrade(
  req: http.IncomingMessage,
  socket: Duplex,
  head: Buffer,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://berth');
  const sandboxId = url.searchParams.get('sandbox') ?? '';
  const node = url.searchParams.get('node') ?? 'node1';
  const watch = url.searchParams.get('watch') === '1';
  // Same rule as the HTTP wrapper (server/http/same-origin.ts): a page of another origin may not
  // open a learner's terminal with their cookie.
  if (!isAllowedOrigin(req.headers.origin, req.headers.host)) return reject(socket, 403, 'Forbidden');
  const user = await userFromToken(readCookie(req.headers.cookie, SESSION_COOKIE)).catch(() => null);
  if (!user) return reject(socket, 401, 'Unauthorized');
  let sandbox: Awaited<ReturnType<typeof getSandboxOrThrow>>;
  try {
    sandbox = await getSandboxOrThrow(user, sandboxId, { watch });
  } catch {
    return reject(socket, 404, 'Not Found');
  }
  if (!(JSON.parse(sandbox.nodes) as string[]).includes(node)) return reject(socket, 404, 'Not Found');
  const agentRef = await findAgent(sandbox.agentId).catch(() => undefined);
  wss.handleUpgrade(req, socket, head, (browser) => {
    if (sandbox.state !== 'ready') {
      const code = sandbox.state === 'starting' ? 'not_ready' : 'not_found';
      browser.send(JSON.stringify({ type: 'error', code, message: `The sandbox is ${sandbox.state}.` }));
      browser.close(4000 + (code === 'not_found' ? 404 : 409), code);
      return;
    }
    relay(browser, sandbox.id, agentRef, node, watch ? startWatch(sandbox, user.id) : undefined);
  });
}

function relay(
  browser: WebSocket,
  sandboxId: string,
  agentRef: AgentRef | undefined,
  node: string,
  watch: WatchGate | undefined,
): void {
  const send = (f: ServerFrame) => browser.readyState === browser.OPEN && browser.send(JSON.stringify(f));
  let agent: WebSocket;
  try {
    if (!agentRef) throw new BerthError('agent_unavailable', 'The sandbox host is not registered.');
    agent = agentApi.openTerminal(agentRef, sandboxId, node);
  } catch (e) {
    send({
      type: 'error',
      code: 'agent_unavailable',
      message: isBerthError(e) ? e.message : 'sandbox host unavailable',
    });
    browser.close(1011, 'agent unavailable');
    watch?.close();
    return;
  }
  const early: string[] = []; // frames from the browser before the agent socket is open (the hello)
  const toAgent = (frame: ClientFrame) => {
    const text = JSON.stringify(frame);
    if (agent.readyState === WebSocket.OPEN) agent.send(text);
    else if (agent.readyState === WebSocket.CONNECTING) early.push(text);
  };
  let gated = Promise.resolve();
  let lastActivity = 0;
  const stopHeartbeat = startHeartbeat(browser);

  agent.on('open', () => {
    for (const f of early.splice(0)) agent.send(f);
  });
  // The agent is authenticated by token and speaks the same frames, so its text frames go to the browser
  // as they are: parsing and re-serialising every output chunk cost throughput for nothing.
  agent.on('message', (raw, isBinary) => {
    if (isBinary || browser.readyState !== browser.OPEN) return;
    browser.send(raw as Buffer, { binary: false });
    // Backpressure: a slow browser pauses the agent socket, which in turn pauses the shell.
    if (browser.bufferedAmount > HIGH_WATER && !agent.isPaused) {
      agent.pause();
      const timer = setInterval(() => {
        if (browser.readyState !== browser.OPEN || browser.bufferedAmount < LOW_WATER) {
          clearInterval(timer);
          agent.resume();
        }
      }, 20);
    }
  });
  agent.on('close', () => {
    if (browser.readyState === browser.OPEN) browser.close(1012, 'sandbox host connection closed');
  });
  agent.on('error', () => {
    send({
      type: 'error',
      code: 'agent_unavailable',
      message: 'The sandbox host is not answering; reconnecting…',
    });
    browser.close(1011, 'agent unavailable');
  });

  browser.on('message', (raw, isBinary) => {
    const parsed = isBinary
      ? ({ ok: false, message: 'binary frames are not supported' } as const)
      : parseClientFrame(raw as Buffer);
    if (!parsed.ok) {
      send({ type: 'error', code: 'bad_frame', message: parsed.message });
      return;
    }
    if (parsed.frame.type === 'ping') {
      send({ type: 'pong' });
      return;
    }
    const frame = parsed.frame;
    if (watch) {
      // In order: a watcher's frames wait for the gate one after another, so keystrokes keep their order.
      gated = gated
        .then(async () => {
          if (await watch.admit(frame, send)) toAgent(frame);
        })
        .catch(() => {}); // a frame the gate could not judge is dropped; the next ones still go through
      return;
    }
    if (frame.type === 'input' && Date.now() - lastActivity > ACTIVITY_EVERY_MS) {
      lastActivity = Date.now();
      void db()
        .sandbox.update({ where: { id: sandboxId }, data: { lastActiveAt: new Date() } })
        .catch(() => {});
    }
    toAgent(frame);
  });
  browser.on('close', () => {
    stopHeartbeat();
    watch?.close();
    agent.close();
  });
}
