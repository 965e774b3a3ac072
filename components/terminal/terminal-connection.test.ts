// TerminalConnection against a real websocket server on port 0: hello/replay without loss or doubling,
// reconnect after a drop, and the end states (gone, exited) that must stop reconnecting.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, test } from 'node:test';
import { WebSocket, WebSocketServer } from 'ws';
import { type ConnectionState, type SocketLike, TerminalConnection } from './terminal-connection';

let server: WebSocketServer;
let url: string;
const hellos: number[] = [];
let onClient: (ws: WebSocket, lastSeq: number) => void = () => {};

beforeEach(async () => {
  hellos.length = 0;
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws/terminal`;
  server.on('connection', (ws) => {
    ws.once('message', (raw) => {
      const hello = JSON.parse(String(raw)) as { type: string; lastSeq: number };
      assert.equal(hello.type, 'hello');
      hellos.push(hello.lastSeq);
      onClient(ws, hello.lastSeq);
    });
  });
});

afterEach(async () => {
  for (const c of server.clients) c.terminate();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function connect(extra: Partial<ConstructorParameters<typeof TerminalConnection>[0]> = {}) {
  const output: string[] = [];
  const states: ConnectionState['kind'][] = [];
  const conn = new TerminalConnection({
    url,
    onData: (d) => output.push(d),
    onState: (s) => states.push(s.kind),
    createSocket: (u) => new WebSocket(u) as unknown as SocketLike,
    minBackoffMs: 20,
    maxBackoffMs: 40,
    random: () => 0,
    ...extra,
  });
  return { conn, output, states };
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

const data = (seq: number, text: string) => JSON.stringify({ type: 'data', seq, data: text });

test('replays only what was missed after a dropped connection', async () => {
  // A server with a replay buffer: seqs 1..n; on reconnect it deliberately resends from lastSeq-1.
  const log = ['a', 'b', 'c', 'd', 'e'];
  let visits = 0;
  onClient = (ws, lastSeq) => {
    visits += 1;
    const upTo = visits === 1 ? 3 : 5;
    for (let seq = Math.max(1, lastSeq - 1); seq <= upTo; seq++) ws.send(data(seq, log[seq - 1]!));
    if (visits === 1) setTimeout(() => ws.close(), 30);
  };
  const { conn, output, states } = connect();
  conn.start();
  await until(() => output.length === 5);
  assert.deepEqual(hellos, [0, 3]);
  assert.equal(output.join(''), 'abcde');
  assert.equal(conn.lastSeq, 5);
  assert.ok(states.includes('reconnecting'));
  assert.equal(conn.current.kind, 'connected');
  conn.dispose();
});

test('sends input and resize once connected; keys typed before that follow the hello', async () => {
  const received: { type: string }[] = [];
  onClient = (ws) => {
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.type === 'ping') ws.send(JSON.stringify({ type: 'pong' }));
      else received.push(frame);
    });
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'data', seq: 'x', data: 1 }));
    ws.send(data(1, '$ '));
  };
  const { conn, output } = connect();
  assert.equal(conn.send('early'), 'queued');
  assert.deepEqual(conn.inputReport, { waiting: 5, notSent: 0, unconfirmed: 0 });
  conn.resize(80, 24);
  conn.start();
  await until(() => output.length === 1);
  assert.equal(conn.send('ls\r'), 'sent');
  await until(() => received.length === 3);
  assert.deepEqual(received, [
    { type: 'resize', cols: 80, rows: 24 },
    { type: 'input', data: 'early' },
    { type: 'input', data: 'ls\r' },
  ]);
  assert.deepEqual(conn.inputReport, { waiting: 0, notSent: 0, unconfirmed: 0 });
  conn.dispose();
});

test('a server that stops answering shows "stalled", is reconnected, and gets what was typed meanwhile once', async () => {
  const inputs: string[][] = [];
  let answering = true;
  onClient = (ws) => {
    const mine: string[] = [];
    inputs.push(mine);
    ws.on('message', (raw) => {
      const frame = JSON.parse(String(raw));
      if (frame.type === 'input') mine.push(frame.data);
      if (frame.type === 'ping' && answering) ws.send(JSON.stringify({ type: 'pong' }));
    });
  };
  const { conn, states } = connect({ pingIntervalMs: 40, stallAfterMs: 80, staleAfterMs: 200, tickMs: 10 });
  conn.start();
  await until(() => conn.current.kind === 'connected');
  assert.equal(conn.send('a'), 'sent');
  await until(() => inputs[0]?.length === 1);
  answering = false; // the first socket stays open but silent, like a half-open TCP connection
  await until(() => conn.current.kind === 'stalled');
  assert.equal(conn.send('b'), 'queued');
  await until(() => hellos.length === 2 && conn.current.kind === 'connected');
  answering = true;
  assert.equal(conn.send('c'), 'sent');
  await until(() => inputs[1]?.length === 2);
  assert.deepEqual(inputs, [['a'], ['b', 'c']]);
  const seen = states.filter((s, i) => s !== states[i - 1]);
  assert.deepEqual(seen.slice(0, 5), ['connecting', 'connected', 'stalled', 'reconnecting', 'connected']);
  assert.deepEqual(conn.inputReport, { waiting: 0, notSent: 0, unconfirmed: 0 });
  conn.dispose();
});

test('a not_found error ends the connection as gone, without reconnecting', async () => {
  onClient = (ws) =>
    ws.send(JSON.stringify({ type: 'error', code: 'not_found', message: 'no such sandbox' }));
  const { conn } = connect();
  conn.start();
  await until(() => conn.current.kind === 'gone');
  await new Promise((r) => setTimeout(r, 150));
  assert.deepEqual(hellos, [0]);
  assert.equal(conn.current.kind, 'gone');
});

test('asks whether the sandbox is alive before reconnecting', async () => {
  onClient = (ws) => setTimeout(() => ws.close(), 10);
  let asked = 0;
  const { conn } = connect({
    isSandboxAlive: async () => {
      asked += 1;
      return false;
    },
  });
  conn.start();
  await until(() => conn.current.kind === 'gone');
  assert.equal(asked, 1);
  assert.deepEqual(hellos, [0]);
});

test('exit stops reconnecting until restart, which starts over from seq 0', async () => {
  onClient = (ws, lastSeq) => {
    ws.send(data(lastSeq + 1, 'x'));
    if (hellos.length === 1) ws.send(JSON.stringify({ type: 'exit', code: 0 }));
  };
  const { conn } = connect();
  conn.start();
  await until(() => conn.current.kind === 'exited');
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(hellos, [0]);
  conn.restart();
  await until(() => hellos.length === 2);
  assert.deepEqual(hellos, [0, 0]);
  conn.dispose();
});

test('backoff doubles from 0.5 s and is capped at 8 s', (t) => {
  t.mock.timers.enable({ apis: ['setTimeout', 'Date'] });
  const delays: number[] = [];
  const conn = new TerminalConnection({
    url: 'ws://unused',
    onData: () => {},
    onState: (s) => {
      if (s.kind === 'reconnecting' && s.retryAt > Date.now()) delays.push(s.retryAt - Date.now());
    },
    // Every attempt fails at once, as when the server is down.
    createSocket: () => {
      throw new Error('refused');
    },
    random: () => 0,
  });
  conn.start();
  for (let i = 0; i < 7; i++) t.mock.timers.tick(delays.at(-1) ?? 0);
  conn.dispose();
  assert.deepEqual(delays.slice(0, 7), [500, 1000, 2000, 4000, 8000, 8000, 8000]);
});
