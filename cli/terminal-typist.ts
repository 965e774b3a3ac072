import { randomBytes } from 'node:crypto';
import type WebSocket from 'ws';
import { type ClientFrame, parseServerFrame } from '../contract/terminal-frames.ts';

// Types a script into a sandbox's terminal the way a learner's keystrokes arrive: over the terminal
// websocket, one line at a time, each after the shell shows its prompt again (PS1, or PS2 inside a
// here-document or a continued line). A marker echo at the end says the last command finished, and how
// many commands failed (an ERR trap typed first counts them; `set -e` would close the learner's shell).

// root@node1:~# (sandbox-agent/images/node/root-bashrc) or bash's "> " for a line that continues.
const PROMPT = /(root@[\w.-]+:[^\n]*# |^> )$/;
const REFUSED_BY_BASH = /^-?bash: .*: event not found\r?$/gm;
// Colours and cursor moves, so the prompt can be matched as text.
const ESC = String.fromCharCode(27);
const BEL = String.fromCharCode(7);
const ANSI = new RegExp(`${ESC}\\[[0-?]*[ -/]*[@-~]|${ESC}\\][^${BEL}]*${BEL}|\r`, 'g');

/** Terminal output as a learner reads it: without colours, cursor moves, titles and carriage returns. */
export const shownText = (output: string) => output.replace(ANSI, '');
// The output must stay quiet this long after a prompt: a command may print something ending like one.
const QUIET_MS = 150;

export interface TypedScript {
  failed: number;
  transcript: string;
}

export async function typeInTerminal(
  ws: WebSocket,
  script: string,
  opts: { timeoutMs: number; signal?: AbortSignal },
): Promise<TypedScript> {
  let text = '';
  let lastDataAt = Date.now();
  let closed: string | undefined;
  ws.on('message', (raw) => {
    const parsed = parseServerFrame(raw as Buffer);
    if (!parsed.ok) return;
    const f = parsed.frame;
    if (f.type === 'data') {
      text += f.data;
      lastDataAt = Date.now();
    } else if (f.type === 'exit') closed = `the shell exited (${f.code})`;
    else if (f.type === 'error') closed = `${f.code}: ${f.message}`;
  });
  ws.on('close', () => {
    closed ??= 'the terminal closed';
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) =>
      reject(new Error(`terminal upgrade answered ${res.statusCode}`)),
    );
  });
  const send = (f: ClientFrame) => ws.send(JSON.stringify(f));
  send({ type: 'hello', lastSeq: 0 });
  send({ type: 'resize', cols: 160, rows: 40 });

  const deadline = Date.now() + opts.timeoutMs;
  const shown = () => shownText(text);
  const waitUntil = async (done: (from: number) => boolean, from: number, what: string) => {
    while (!done(from)) {
      opts.signal?.throwIfAborted();
      if (closed) throw new Error(`${closed} while waiting for ${what}; last output: ${tail(shown())}`);
      if (Date.now() > deadline)
        throw new Error(`timed out waiting for ${what}; last output: ${tail(shown())}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  const atPrompt = (from: number) =>
    PROMPT.test(lastLine(shown().slice(from))) && Date.now() - lastDataAt >= QUIET_MS;
  const type = async (line: string) => {
    const from = shown().length;
    send({ type: 'input', data: `${line}\r` });
    // Its echo first (so the old prompt does not count), then a prompt again.
    await waitUntil(
      (f) => shown().length > f + line.length && atPrompt(f + line.length),
      from,
      `\`${line}\``,
    );
  };

  await waitUntil(atPrompt, 0, 'the prompt');
  await type(`trap 'berth_failed=$((\${berth_failed:-0}+1))' ERR`);
  const scriptFrom = shown().length;
  for (const line of script.split('\n')) if (line.trim()) await type(line);
  // A line bash refuses before running anything (a `!` in double quotes: history expansion) trips no ERR
  // trap, yet the command never ran: count those from bash's own complaint.
  const refused = shown().slice(scriptFrom).match(REFUSED_BY_BASH)?.length ?? 0;
  // The typed line says ${berth_failed:-0}; only its output has a number after the marker.
  const nonce = randomBytes(4).toString('hex');
  const done = new RegExp(`berth-done-${nonce}:(\\d+)`);
  const from = shown().length;
  send({ type: 'input', data: `echo "berth-done-${nonce}:\${berth_failed:-0}"\r` });
  await waitUntil((f) => done.test(shown().slice(f)), from, 'the end of the script');
  return { failed: Number(done.exec(shown().slice(from))?.[1] ?? 0) + refused, transcript: shown() };
}

function lastLine(s: string): string {
  return s.slice(s.lastIndexOf('\n') + 1);
}

function tail(s: string): string {
  return s.slice(-300).trim();
}
