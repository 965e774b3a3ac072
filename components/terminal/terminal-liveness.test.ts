// TerminalConnection's liveness check and input backlog on an injected clock (node's mock timers) and a
// scripted socket: when the connection shows "stalled", when it gives up on a socket, and what happens to
// the keys typed meanwhile. The same behaviour over a real websocket is in terminal-connection.test.ts.
import assert from 'node:assert/strict';
import { type TestContext, test } from 'node:test';
import type { ClientFrame } from '../../contract/terminal-frames';
import type { InputReport } from './input-backlog';
import { type ConnectionState, type SocketLike, TerminalConnection } from './terminal-connection';

class ScriptedSocket implements SocketLike {
  readyState = 0;
  readonly sent: ClientFrame[] = [];
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientFrame);
  }
  close(): void {
    this.readyState = 3;
  }
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }
  /** The frames the client sent, as short strings: `ping`, `input:ls`, `hello:0`. */
  get log(): string[] {
    return this.sent.map((f) =>
      f.type === 'input' ? `input:${f.data}` : f.type === 'hello' ? `hello:${f.lastSeq}` : f.type,
    );
  }
}

/** The state's kind, read afresh (assert.equal would narrow a property read for the rest of the test). */
const kind = (conn: TerminalConnection): ConnectionState['kind'] => conn.current.kind;

function setup(t: TestContext, extra: { maxBacklogChars?: number } = {}) {
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'], now: 1_000_000 });
  const sockets: ScriptedSocket[] = [];
  const states: ConnectionState[] = [];
  const reports: InputReport[] = [];
  const conn = new TerminalConnection({
    url: 'ws://scripted',
    onData: () => {},
    onState: (s) => states.push(s),
    onInputReport: (r) => reports.push(r),
    createSocket: () => {
      const s = new ScriptedSocket();
      sockets.push(s);
      return s;
    },
    random: () => 0,
    ...extra,
  });
  const socket = () => sockets.at(-1)!;
  const tick = (ms: number) => {
    // One second at a time, as the page's own clock would run (a single jump looks like a frozen page).
    for (let left = ms; left > 0; left -= 1000) t.mock.timers.tick(Math.min(1000, left));
  };
  conn.start();
  socket().open();
  return { conn, sockets, socket, states, reports, tick };
}

test('an idle connection pings every 10 s and stays connected while pongs come back', (t) => {
  const { conn, socket, tick } = setup(t);
  for (let i = 0; i < 3; i++) {
    tick(10_000);
    socket().receive({ type: 'pong' });
  }
  assert.deepEqual(socket().log, ['hello:0', 'ping', 'ping', 'ping']);
  assert.equal(kind(conn), 'connected');
  conn.dispose();
});

test('a ping unanswered for 4 s shows "stalled"; any frame brings "connected" back', (t) => {
  const { conn, socket, states, tick } = setup(t);
  tick(10_000); // ping
  tick(3_000);
  assert.equal(kind(conn), 'connected');
  tick(1_000);
  assert.deepEqual(conn.current, { kind: 'stalled', since: 1_010_000 });
  socket().receive({ type: 'data', seq: 1, data: 'late output' });
  assert.equal(kind(conn), 'connected');
  assert.deepEqual(
    states.map((s) => s.kind),
    ['connecting', 'connected', 'stalled', 'connected'],
  );
  conn.dispose();
});

test('a ping unanswered for 12 s drops the socket and reconnects with the last seq', (t) => {
  const { conn, sockets, socket, tick } = setup(t);
  socket().receive({ type: 'data', seq: 7, data: '$ ' });
  tick(10_000);
  tick(11_000);
  assert.equal(kind(conn), 'stalled');
  assert.equal(sockets.length, 1);
  tick(1_000);
  assert.equal(kind(conn), 'reconnecting');
  assert.equal(sockets[0]!.readyState, 3, 'the silent socket is closed');
  t.mock.timers.tick(500); // backoff
  assert.equal(sockets.length, 2);
  socket().open();
  assert.equal(kind(conn), 'connected');
  assert.deepEqual(socket().log, ['hello:7']);
  conn.dispose();
});

test('typing on a silent connection is noticed within 4 s, not at the next idle ping', (t) => {
  const { conn, socket, tick } = setup(t);
  tick(3_000);
  assert.equal(conn.send('l'), 'sent');
  assert.deepEqual(socket().log, ['hello:0', 'input:l', 'ping']);
  tick(4_000);
  assert.equal(kind(conn), 'stalled');
  conn.dispose();
});

test('keys typed while stalled or reconnecting are sent once, in order, after the next hello', (t) => {
  const { conn, sockets, socket, reports, tick } = setup(t);
  socket().receive({ type: 'data', seq: 3, data: '$ ' });
  assert.equal(conn.send('ls'), 'sent');
  socket().receive({ type: 'pong' });
  tick(10_000);
  tick(4_000); // stalled
  assert.equal(conn.send(' -l'), 'queued');
  tick(8_000); // dead: reconnecting
  assert.equal(conn.send('\r'), 'queued');
  assert.deepEqual(reports.at(-1), { waiting: 4, notSent: 0, unconfirmed: 0 });
  t.mock.timers.tick(500);
  socket().open();
  assert.deepEqual(sockets[0]!.log, ['hello:0', 'input:ls', 'ping', 'ping']);
  assert.deepEqual(socket().log, ['hello:3', 'input: -l', 'ping', 'input:\r']);
  assert.deepEqual(reports.at(-1), { waiting: 0, notSent: 0, unconfirmed: 0 });
  conn.dispose();
});

test('keys typed while stalled go out on the same socket if it answers after all', (t) => {
  const { conn, sockets, socket, tick } = setup(t);
  tick(10_000);
  tick(4_000);
  assert.equal(conn.send('x'), 'queued');
  socket().receive({ type: 'pong' });
  assert.equal(kind(conn), 'connected');
  assert.equal(sockets.length, 1);
  assert.deepEqual(socket().log, ['hello:0', 'ping', 'input:x', 'ping']);
  conn.dispose();
});

test('past the bound, typing is dropped (all of it, never a later key alone) and reported', (t) => {
  const { conn, socket, reports, tick } = setup(t, { maxBacklogChars: 8 });
  tick(10_000);
  tick(4_000); // stalled
  assert.equal(conn.send('echo '), 'queued');
  assert.equal(conn.send('hello'), 'dropped');
  assert.equal(conn.send('!'), 'dropped', 'a key that would fit is dropped too: it would change the line');
  assert.deepEqual(reports.at(-1), { waiting: 5, notSent: 6, unconfirmed: 0 });
  socket().receive({ type: 'pong' });
  assert.deepEqual(socket().log.slice(-2), ['input:echo ', 'ping']);
  assert.deepEqual(conn.inputReport, { waiting: 0, notSent: 6, unconfirmed: 0 });
  assert.equal(conn.send('x'), 'sent');
  conn.acknowledgeInputReport();
  assert.deepEqual(reports.at(-1), { waiting: 0, notSent: 0, unconfirmed: 0 });
  conn.dispose();
});

test('input sent on a socket that dies before its pong is reported as possibly lost', (t) => {
  const { conn, socket, reports } = setup(t);
  assert.equal(conn.send('abc'), 'sent');
  socket().receive({ type: 'pong' }); // confirms "abc"
  assert.equal(conn.send('de'), 'sent');
  socket().readyState = 3;
  socket().onclose?.({});
  assert.equal(kind(conn), 'reconnecting');
  assert.deepEqual(reports.at(-1), { waiting: 0, notSent: 0, unconfirmed: 2 });
  conn.dispose();
});

test('the shell exiting right after input reports nothing lost', (t) => {
  const { conn, socket, reports } = setup(t);
  assert.equal(conn.send('exit\r'), 'sent');
  socket().receive({ type: 'exit', code: 0 });
  assert.equal(kind(conn), 'exited');
  assert.deepEqual(reports, []);
  assert.equal(conn.send('x'), 'dropped');
  assert.deepEqual(reports, []);
});

test('a page frozen for longer than the stall limit is not taken for a stalled connection', (t) => {
  const { conn, sockets, socket, tick } = setup(t);
  tick(10_000); // ping out
  // The main thread was busy for 20 s: the clock moved, no timer ran, and the pong waits in the event queue.
  t.mock.timers.setTime(Date.now() + 20_000);
  t.mock.timers.tick(1); // the overdue liveness check runs first
  assert.equal(kind(conn), 'connected');
  socket().receive({ type: 'pong' });
  tick(3_000);
  assert.equal(kind(conn), 'connected');
  assert.equal(sockets.length, 1);
  conn.dispose();
});
