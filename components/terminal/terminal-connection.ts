// One terminal websocket that survives network blips: hello with the last seq seen (so the server replays
// only what we missed), a liveness check (a ping nobody answers shows "stalled", then reconnects), keys
// typed meanwhile kept and sent after the reconnect (or reported as not sent), reconnect with capped
// exponential backoff, and a clear end state when the sandbox is gone. Knows nothing of xterm or React, so
// it can be tested against a real ws server.
import { type ClientFrame, parseServerFrame } from '../../contract/terminal-frames';
import { InputBacklog, type InputReport } from './input-backlog';
import { FATAL_ERROR_CODES } from './terminal-protocol';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /** Open, but a ping has gone unanswered (and nothing else was heard) since `since` (epoch ms). */
  | { kind: 'stalled'; since: number }
  /** Waiting until `retryAt` (epoch ms) before the next attempt; `retryAt` in the past = trying now. */
  | { kind: 'reconnecting'; attempt: number; retryAt: number }
  | { kind: 'exited'; code: number }
  | { kind: 'gone'; reason: string }
  | { kind: 'disposed' };

/** The part of the WebSocket API used here; browsers' WebSocket and the `ws` package both fit. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface TerminalConnectionOptions {
  url: string;
  onData: (data: string) => void;
  onState: (state: ConnectionState) => void;
  /** A non-fatal `error` frame from the server. */
  onNotice?: (code: string, message: string) => void;
  /** Whenever keys start or stop waiting, or some were lost (see InputReport). */
  onInputReport?: (report: InputReport) => void;
  /** Asked before each reconnect; false ends the connection as `gone` (the sandbox was stopped or expired). */
  isSandboxAlive?: () => Promise<boolean>;
  createSocket?: (url: string) => SocketLike;
  /** A ping goes out after this long without one (and right after input, so typing is confirmed). */
  pingIntervalMs?: number;
  /** A ping unanswered for this long, with nothing else heard, shows the connection as stalled. */
  stallAfterMs?: number;
  /** … and for this long means the socket is dead even if it looks open: drop it and reconnect. */
  staleAfterMs?: number;
  /** How often the liveness check looks at the clock. */
  tickMs?: number;
  /** Characters kept while not connected; beyond this, input is dropped and reported. */
  maxBacklogChars?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A connection that stays up this long resets the backoff. */
  stableAfterMs?: number;
  random?: () => number;
}

const OPEN = 1;

export class TerminalConnection {
  private readonly opts: Required<
    Omit<TerminalConnectionOptions, 'onNotice' | 'isSandboxAlive' | 'onInputReport'>
  > &
    Pick<TerminalConnectionOptions, 'onNotice' | 'isSandboxAlive' | 'onInputReport'>;
  private socket: SocketLike | undefined;
  private state: ConnectionState = { kind: 'connecting' };
  private seq = 0;
  private attempt = 0;
  private lastHeard = 0;
  private lastTick = 0;
  /** When the unanswered ping went out; undefined when none is outstanding. */
  private pingSentAt: number | undefined;
  private lastPingAt = 0;
  /** Input sent on this socket that no pong has confirmed yet, and how much of it the outstanding ping covers. */
  private unconfirmed = 0;
  private pingCovers = 0;
  private readonly backlog: InputBacklog;
  private size: { cols: number; rows: number } | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;
  private tickTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: TerminalConnectionOptions) {
    this.opts = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      pingIntervalMs: 10_000,
      stallAfterMs: 4_000,
      staleAfterMs: 12_000,
      tickMs: 1_000,
      maxBacklogChars: 4_096,
      minBackoffMs: 500,
      maxBackoffMs: 8_000,
      stableAfterMs: 5_000,
      random: Math.random,
      ...options,
    };
    this.backlog = new InputBacklog(this.opts.maxBacklogChars);
  }

  /** Highest `seq` received; sent as `lastSeq` on every (re)connect. */
  get lastSeq(): number {
    return this.seq;
  }

  get current(): ConnectionState {
    return this.state;
  }

  start(): void {
    this.open();
  }

  /**
   * Sends keystrokes. While connecting, stalled or reconnecting they wait (bounded) and go out, in order,
   * once the connection is back: 'queued', or 'dropped' past the bound (reported through onInputReport).
   * With no shell to type into (exited, gone) nothing is kept: 'dropped'.
   */
  send(data: string): 'sent' | 'queued' | 'dropped' {
    if (this.state.kind === 'connected' && this.sendInput(data)) return 'sent';
    if (!['connecting', 'stalled', 'reconnecting', 'connected'].includes(this.state.kind)) return 'dropped';
    const kept = this.backlog.push(data);
    this.reportInput();
    return kept ? 'queued' : 'dropped';
  }

  /** What is waiting or was lost; see InputReport. */
  get inputReport(): InputReport {
    return this.backlog.report;
  }

  /** The learner has been told about lost input: stop reporting it. */
  acknowledgeInputReport(): void {
    this.backlog.acknowledge();
    this.reportInput();
  }

  resize(cols: number, rows: number): void {
    if (cols <= 0 || rows <= 0) return;
    if (this.size && this.size.cols === cols && this.size.rows === rows) return;
    this.size = { cols, rows };
    if (this.state.kind === 'connected') this.write({ type: 'resize', cols, rows });
  }

  /** Skip the rest of the backoff wait (e.g. the browser came back online). */
  reconnectNow(): void {
    if (this.state.kind !== 'reconnecting') return;
    clearTimeout(this.retryTimer);
    void this.attemptReconnect();
  }

  /** After `exit`: open a fresh shell. The caller clears the screen; replay starts again from 0. */
  restart(): void {
    if (this.state.kind !== 'exited') return;
    this.seq = 0;
    this.attempt = 0;
    this.open();
  }

  dispose(): void {
    this.finish({ kind: 'disposed' });
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.opts.onState(state);
  }

  private write(frame: ClientFrame): boolean {
    const socket = this.socket;
    if (!socket || socket.readyState !== OPEN) return false;
    socket.send(JSON.stringify(frame));
    return true;
  }

  private sendInput(data: string): boolean {
    if (!this.write({ type: 'input', data })) return false;
    this.unconfirmed += data.length;
    // A pong means the server has everything sent before the ping; it also finds a dead link while typing.
    if (this.pingSentAt === undefined) this.ping();
    return true;
  }

  private ping(): void {
    const now = Date.now();
    if (!this.write({ type: 'ping' })) return;
    this.pingSentAt = now;
    this.lastPingAt = now;
    this.pingCovers = this.unconfirmed;
  }

  private reportInput(): void {
    this.opts.onInputReport?.(this.backlog.report);
  }

  private flushBacklog(): void {
    const chunks = this.backlog.take();
    for (const [i, chunk] of chunks.entries()) {
      if (this.sendInput(chunk)) continue;
      // The socket went away mid-flush: keep the rest waiting, in order.
      for (const rest of chunks.slice(i)) this.backlog.push(rest);
      break;
    }
    if (chunks.length > 0) this.reportInput();
  }

  private open(): void {
    this.dropSocket();
    if (this.attempt === 0) this.setState({ kind: 'connecting' });
    else this.setState({ kind: 'reconnecting', attempt: this.attempt, retryAt: Date.now() });

    let socket: SocketLike;
    try {
      socket = this.opts.createSocket(this.opts.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;

    socket.onopen = () => {
      if (this.socket !== socket) return;
      const now = Date.now();
      this.lastHeard = now;
      this.lastTick = now;
      this.lastPingAt = now;
      socket.send(JSON.stringify({ type: 'hello', lastSeq: this.seq } satisfies ClientFrame));
      this.setState({ kind: 'connected' });
      if (this.size) this.write({ type: 'resize', ...this.size });
      // After the hello: the server replays what we missed, then gets what was typed meanwhile.
      this.flushBacklog();
      this.scheduleTick();
      this.stableTimer = setTimeout(() => {
        this.attempt = 0;
      }, this.opts.stableAfterMs);
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.lastHeard = Date.now();
      if (this.state.kind === 'stalled') {
        this.setState({ kind: 'connected' });
        this.flushBacklog();
      }
      this.handleFrame(ev.data);
    };
    socket.onclose = () => {
      if (this.socket === socket) this.lose();
    };
    // A failed socket also fires `close`; that is where reconnecting happens.
    socket.onerror = () => {};
  }

  private handleFrame(raw: unknown): void {
    if (typeof raw !== 'string') return;
    const parsed = parseServerFrame(raw);
    if (!parsed.ok) return;
    const frame = parsed.frame;
    switch (frame.type) {
      case 'data':
        // Replay after a reconnect may overlap what we already showed; never print a chunk twice.
        if (frame.seq <= this.seq) return;
        this.seq = frame.seq;
        this.opts.onData(frame.data);
        return;
      case 'exit':
        this.finish({ kind: 'exited', code: frame.code });
        return;
      case 'error':
        if (FATAL_ERROR_CODES.has(frame.code))
          this.finish({ kind: 'gone', reason: frame.message || frame.code });
        else this.opts.onNotice?.(frame.code, frame.message);
        return;
      case 'pong':
        this.unconfirmed -= this.pingCovers;
        this.pingCovers = 0;
        this.pingSentAt = undefined;
        if (this.unconfirmed > 0) this.ping();
        return;
    }
  }

  /** One timer at a time (not an interval), so a page that was frozen runs one overdue check, not a burst. */
  private scheduleTick(): void {
    const socket = this.socket;
    this.tickTimer = setTimeout(() => {
      this.tick();
      if (this.socket === socket) this.scheduleTick();
    }, this.opts.tickMs);
  }

  /** The liveness check, every tickMs while the socket is open. */
  private tick(): void {
    const now = Date.now();
    const { tickMs, stallAfterMs, staleAfterMs, pingIntervalMs } = this.opts;
    // The page was frozen (a busy main thread, a suspended tab): frames that arrived meanwhile are still
    // queued behind this timer, so judge nothing until they have been handled.
    const frozen = now - this.lastTick > 2 * tickMs + 500;
    this.lastTick = now;
    if (frozen) return;
    if (this.pingSentAt === undefined) {
      if (now - this.lastPingAt >= pingIntervalMs) this.ping();
      return;
    }
    const silentFor = now - Math.max(this.pingSentAt, this.lastHeard);
    if (silentFor >= staleAfterMs) {
      // Half-open socket (laptop slept, NAT dropped it): do not wait for a close that may never come.
      this.lose();
    } else if (silentFor >= stallAfterMs && this.state.kind === 'connected') {
      this.setState({ kind: 'stalled', since: Math.max(this.pingSentAt, this.lastHeard) });
    }
  }

  private scheduleReconnect(): void {
    const { minBackoffMs, maxBackoffMs, random } = this.opts;
    const base = Math.min(minBackoffMs * 2 ** this.attempt, maxBackoffMs);
    const delay = Math.round(base * (1 + 0.2 * random()));
    this.attempt += 1;
    this.setState({ kind: 'reconnecting', attempt: this.attempt, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => void this.attemptReconnect(), delay);
  }

  private async attemptReconnect(): Promise<void> {
    if (this.state.kind !== 'reconnecting') return;
    if (this.opts.isSandboxAlive) {
      let alive = true;
      try {
        alive = await this.opts.isSandboxAlive();
      } catch {
        // Cannot tell (network down too): keep trying; the socket attempt will fail fast if so.
      }
      if (this.state.kind !== 'reconnecting') return;
      if (!alive) {
        this.finish({ kind: 'gone', reason: 'stopped' });
        return;
      }
    }
    this.open();
  }

  /** The socket died under us: input it had not confirmed may be lost (say so), then try again. */
  private lose(): void {
    if (this.unconfirmed > 0) {
      this.backlog.addUnconfirmed(this.unconfirmed);
      this.reportInput();
    }
    this.dropSocket();
    this.scheduleReconnect();
  }

  /** An end state: no shell to type into any more, so nothing waits and nothing is worth reporting. */
  private finish(state: ConnectionState): void {
    clearTimeout(this.retryTimer);
    this.dropSocket();
    const report = this.backlog.report;
    this.backlog.clear();
    if (report.waiting + report.notSent + report.unconfirmed > 0) this.reportInput();
    this.setState(state);
  }

  private dropSocket(): void {
    clearTimeout(this.tickTimer);
    clearTimeout(this.stableTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.pingSentAt = undefined;
    this.pingCovers = 0;
    this.unconfirmed = 0;
    if (!socket) return;
    socket.onopen = null;
    socket.onmessage = null;
    socket.onclose = null;
    socket.onerror = null;
    try {
      socket.close(1000);
    } catch {
      // Closing a socket that never opened can throw in some runtimes; it is gone either way.
    }
  }
}
