import { spawn } from 'node:child_process';
import type WebSocket from 'ws';
import { ENGINE } from '../server/cli/sandbox-engine.ts';
import { type ControlPlane, waitForState } from '../test/support/control-plane-harness.ts';

// Shared by the benchmark scripts: the docker CLI on the sandbox engine, a terminal client, statistics.
export const dockerEnv = { ...process.env, DOCKER_HOST: `unix://${ENGINE.socket}` };

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
export const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

export function docker(
  args: string[],
  opts: { stdin?: string; discard?: boolean } = {},
): Promise<{ code: number; out: string; bytes: number }> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { env: dockerEnv, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let bytes = 0;
    child.stdout.on('data', (d: Buffer) => {
      bytes += d.length;
      if (!opts.discard) out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.stdin.on('error', () => {});
    child.on('close', (code) => resolve({ code: code ?? 1, out, bytes }));
    child.stdin.end(opts.stdin ?? '');
  });
}

export function terminal(ws: WebSocket) {
  let text = '';
  let bytes = 0;
  const waiters: Array<() => void> = [];
  ws.on('message', (m) => {
    const f = JSON.parse(m.toString());
    if (f.type === 'data') {
      text += f.data;
      bytes += f.data.length;
      if (text.length > 1_000_000) text = text.slice(-100_000);
      for (const w of waiters.splice(0)) w();
    }
  });
  return {
    open: new Promise<void>((r) => ws.once('open', () => r())),
    send: (f: unknown) => ws.send(JSON.stringify(f)),
    get bytes() {
      return bytes;
    },
    text: () => text,
    async waitFor(pred: () => boolean, ms = 60_000) {
      const deadline = Date.now() + ms;
      while (!pred()) {
        if (Date.now() > deadline) throw new Error(`bench: timed out; terminal shows ${text.slice(-200)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 20);
        });
      }
    },
  };
}

export interface Row {
  metric: string;
  berth: number;
  direct: number;
  unit: string;
  note: string;
}

// POST /api/sandboxes → ready → terminal websocket → first prompt, as a learner's page does it.
export async function startToPrompt(
  cp: ControlPlane,
  cookie: string,
  lessonId: string,
): Promise<{ id: string; ms: number }> {
  const t0 = performance.now();
  const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId } });
  await waitForState(cp, cookie, r.json.id, 'ready');
  const t = terminal(cp.openTerminal(cookie, r.json.id));
  await t.open;
  t.send({ type: 'hello', lastSeq: 0 });
  await t.waitFor(() => /# $/.test(t.text()));
  return { id: r.json.id, ms: performance.now() - t0 };
}
