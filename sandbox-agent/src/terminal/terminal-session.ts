import type { Duplex } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ServerFrame } from '../../../contract/terminal-frames.ts';
import type { InteractiveExec } from '../docker/engine.ts';
import { ReplayBuffer } from './replay-buffer.ts';
import type { ReplayJournal } from './replay-journal.ts';

// One learner shell on one node. It outlives any websocket: clients come and go, the shell keeps
// running, its output goes into a bounded replay buffer and to whoever is attached.

export interface TerminalClient {
  /** `encoded` is the frame already serialised, when the session has it (output is encoded once). */
  send(frame: ServerFrame, encoded?: string): void;
  /** Bytes queued towards this client and not yet written to the network. */
  bufferedAmount(): number;
  close(code: number, reason: string): void;
}

const FLUSH_BYTES = 32 * 1024;
const HIGH_WATER = 1024 * 1024;
const LOW_WATER = 256 * 1024;
const STUCK_CLIENT_MS = 30_000;
const RESTART_NOTE =
  '\r\n\x1b[33m[berth] The sandbox agent restarted: your sandbox and its containers are as you left them; this is a new shell.\x1b[0m\r\n';

export type ShellStarter = (size: { cols: number; rows: number }) => Promise<InteractiveExec>;

export class TerminalSession {
  private exec?: InteractiveExec;
  private starting?: Promise<void>;
  private readonly buffer: ReplayBuffer;
  private readonly clients = new Set<TerminalClient>();
  private decoder = new StringDecoder('utf8');
  private pending = '';
  private flushScheduled = false;
  private paused = false;
  private pausedSince = 0;
  private drainTimer?: NodeJS.Timeout;
  private nextSeq = Date.now();
  private size = { cols: 80, rows: 24 };
  private exited = false;
  private queuedInput = '';

  constructor(
    private readonly startShell: ShellStarter,
    replayBytes: number,
    private readonly onExit?: (code: number) => void,
    private readonly journal?: ReplayJournal,
  ) {
    this.buffer = new ReplayBuffer(replayBytes);
    // After an agent restart: the earlier output comes back (same seqs, so a reconnecting page gets only
    // what it missed), followed by a note that this is a new shell.
    const earlier = journal?.load() ?? [];
    if (earlier.length) {
      for (const c of earlier) this.buffer.push(c);
      this.nextSeq = Math.max(this.nextSeq, earlier.at(-1)!.seq + 1);
      this.pending = RESTART_NOTE;
      this.flush();
    }
  }

  get running(): boolean {
    return !!this.exec && !this.exited;
  }

  get seq(): number {
    return this.nextSeq - 1;
  }

  async attach(client: TerminalClient, lastSeq: number): Promise<void> {
    this.clients.add(client);
    await this.ensureShell();
    for (const chunk of this.buffer.since(lastSeq))
      client.send({ type: 'data', seq: chunk.seq, data: chunk.data });
    if (this.pending) this.flush();
  }

  /** Starts the shell before anyone attaches, so its first prompt is waiting in the replay buffer. */
  prestart(): Promise<void> {
    return this.ensureShell();
  }

  detach(client: TerminalClient): void {
    this.clients.delete(client);
    this.maybeResume();
  }

  input(data: string): void {
    if (this.running) {
      this.exec!.stream.write(data);
      return;
    }
    // Typed while the shell is still starting, or after `exit` (the next key starts a fresh login shell):
    // keep the keys and deliver them once it runs.
    if (this.queuedInput.length < 64 * 1024) this.queuedInput += data;
    void this.ensureShell()
      .then(() => {
        const queued = this.queuedInput;
        this.queuedInput = '';
        if (queued && this.running) this.exec!.stream.write(queued);
      })
      .catch(() => {});
  }

  async resize(cols: number, rows: number): Promise<void> {
    this.size = { cols, rows };
    if (this.running) await this.exec!.resize(cols, rows).catch(() => {});
  }

  close(): void {
    for (const c of this.clients) c.close(1001, 'sandbox gone');
    this.clients.clear();
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.exec?.stream.destroy();
    this.journal?.close();
  }

  private async ensureShell(): Promise<void> {
    if (this.running) return;
    this.starting ??= (async () => {
      const size = this.size;
      const exec = await this.startShell(size);
      this.exec = exec;
      // A resize that arrived while the shell was starting must still reach its TTY.
      if (this.size !== size) await exec.resize(this.size.cols, this.size.rows).catch(() => {});
      this.exited = false;
      this.decoder = new StringDecoder('utf8');
      wire(exec.stream, this);
    })().finally(() => {
      this.starting = undefined;
    });
    await this.starting;
  }

  /** @internal called by wire() */
  onOutput(chunk: Buffer): void {
    this.pending += this.decoder.write(chunk);
    if (this.pending.length >= FLUSH_BYTES) this.flush();
    else if (!this.flushScheduled) {
      // Coalesce the many small reads of a busy shell into fewer, larger frames.
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** @internal */
  async onEnd(): Promise<void> {
    if (this.exited) return;
    this.pending += this.decoder.end();
    this.flush();
    this.exited = true;
    const code = (await this.exec?.exitCode()) ?? 0;
    for (const c of this.clients) c.send({ type: 'exit', code });
    this.onExit?.(code);
  }

  private flush(): void {
    this.flushScheduled = false;
    if (!this.pending) return;
    const chunk = { seq: this.nextSeq++, data: this.pending };
    this.pending = '';
    this.buffer.push(chunk);
    // Serialised once for the journal and every client: on a flood of output, encoding is the agent's
    // main cost per chunk.
    const frame: ServerFrame = { type: 'data', seq: chunk.seq, data: chunk.data };
    const encoded = JSON.stringify(frame);
    if (this.journal) {
      this.journal.append(chunk, encoded);
      this.journal.compactIfLarge(() => this.buffer.all());
    }
    for (const c of this.clients) c.send(frame, encoded);
    this.applyBackpressure();
  }

  // A slow browser pauses the shell (like a real terminal's flow control) instead of growing memory.
  private applyBackpressure(): void {
    if (this.paused || !this.exec) return;
    const slow = [...this.clients].some((c) => c.bufferedAmount() > HIGH_WATER);
    if (!slow) return;
    this.paused = true;
    this.pausedSince = Date.now();
    this.exec.stream.pause();
    this.drainTimer = setInterval(() => this.maybeResume(), 20);
  }

  private maybeResume(): void {
    if (!this.paused) return;
    const stuck = Date.now() - this.pausedSince > STUCK_CLIENT_MS;
    for (const c of this.clients) {
      if (stuck && c.bufferedAmount() > LOW_WATER) {
        // A client that cannot keep up for 30 s is dropped; it reconnects and gets the replay buffer.
        c.close(4008, 'client too slow');
        this.clients.delete(c);
      }
    }
    if ([...this.clients].some((c) => c.bufferedAmount() > LOW_WATER)) return;
    this.paused = false;
    if (this.drainTimer) clearInterval(this.drainTimer);
    this.drainTimer = undefined;
    this.exec?.stream.resume();
  }
}

function wire(stream: Duplex, session: TerminalSession): void {
  stream.on('data', (c: Buffer) => session.onOutput(c));
  stream.on('end', () => void session.onEnd());
  stream.on('close', () => void session.onEnd());
  stream.on('error', () => void session.onEnd());
}
