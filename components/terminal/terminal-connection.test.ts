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

test('sends input and resize once connected, and ignores invalid frames', async () => {
  const received: unknown[] = [];
  onClient = (ws) => {
    ws.on('message', (raw) => received.push(JSON.parse(String(raw))));
    ws.send('not json');
    ws.send(JSON.stringify({ type: 'data', seq: 'x', data: 1 }));
    ws.send(data(1, '$ '));
  };
  const { conn, output } = connect();
  assert.equal(conn.send('early'), false);
  conn.resize(80, 24);
  conn.start();
  await until(() => output.length === 1);
  assert.equal(conn.send('ls\r'), true);
  await until(() => received.length === 2);
  assert.deepEqual(received, [
    { type: 'resize', cols: 80, rows: 24 },
    { type: 'input', data: 'ls\r' },
  ]);
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
