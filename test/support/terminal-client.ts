import assert from 'node:assert/strict';
import type WebSocket from 'ws';

// The browser's side of /ws/terminal for tests: collects frames and text, and records which
// control-plane replica answered the upgrade (the x-berth-replica header, server/http/replica-header.ts).
export function terminalSession(ws: WebSocket) {
  let text = '';
  let replica: string | undefined;
  const frames: any[] = [];
  ws.on('upgrade', (res) => {
    replica = res.headers['x-berth-replica'] as string | undefined;
  });
  ws.on('message', (m) => {
    const f = JSON.parse(m.toString());
    frames.push(f);
    if (f.type === 'data') text += f.data;
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade answered ${res.statusCode}`)));
  });
  return {
    ws,
    frames,
    text: () => text,
    replica: () => replica,
    /** The highest seq seen so far (0 before any data): what a reconnect sends in its hello. */
    lastSeq: () => Math.max(0, ...frames.filter((f) => f.type === 'data').map((f) => f.seq as number)),
    opened,
    send: (f: unknown) => ws.send(typeof f === 'string' ? f : JSON.stringify(f)),
    async waitFor(re: RegExp, ms = 20_000) {
      const deadline = Date.now() + ms;
      while (Date.now() < deadline) {
        if (re.test(text)) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.fail(`terminal never showed ${re}; got: ${text.slice(-400)}`);
    },
  };
}
