// One terminal websocket that survives network blips: hello with the last seq seen (so the server replays
// only what we missed), heartbeats, reconnect with capped exponential backoff, and a clear end state when
// the sandbox is gone. Knows nothing of xterm or React, so it can be tested against a real ws server.
import { type ClientFrame, parseServerFrame } from '../../contract/terminal-frames';
import { FATAL_ERROR_CODES } from './terminal-protocol';

export type ConnectionState =
  | { kind: 'connecting' }
  | { kind: 'connected' }
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
  /** Asked before each reconnect; false ends the connection as `gone` (the sandbox was stopped or expired). */
  isSandboxAlive?: () => Promise<boolean>;
  createSocket?: (url: string) => SocketLike;
  pingIntervalMs?: number;
  /** No frame at all for this long (pongs included) means the socket is dead even if it looks open. */
  staleAfterMs?: number;
  minBackoffMs?: number;
  maxBackoffMs?: number;
  /** A connection that stays up this long resets the backoff. */
  stableAfterMs?: number;
  random?: () => number;
}

const OPEN = 1;

export class TerminalConnection {
  private readonly opts: Required<Omit<TerminalConnectionOptions, 'onNotice' | 'isSandboxAlive'>> &
    Pick<TerminalConnectionOptions, 'onNotice' | 'isSandboxAlive'>;
  private socket: SocketLike | undefined;
  private state: ConnectionState = { kind: 'connecting' };
  private seq = 0;
  private attempt = 0;
  private lastHeard = 0;
  private size: { cols: number; rows: number } | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;
  private pingTimer: ReturnType<typeof setInterval> | undefined;

  constructor(options: TerminalConnectionOptions) {
    this.opts = {
      createSocket: (url) => new WebSocket(url) as unknown as SocketLike,
      pingIntervalMs: 20_000,
      staleAfterMs: 50_000,
      minBackoffMs: 500,
      maxBackoffMs: 8_000,
      stableAfterMs: 5_000,
      random: Math.random,
      ...options,
    };
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

  /** Sends keystrokes; false when not connected (they are dropped rather than replayed later). */
  send(data: string): boolean {
    if (this.state.kind !== 'connected') return false;
    return this.write({ type: 'input', data });
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
      this.lastHeard = Date.now();
      socket.send(JSON.stringify({ type: 'hello', lastSeq: this.seq } satisfies ClientFrame));
      this.setState({ kind: 'connected' });
      if (this.size) this.write({ type: 'resize', ...this.size });
      this.pingTimer = setInterval(() => this.heartbeat(), this.opts.pingIntervalMs);
      this.stableTimer = setTimeout(() => {
        this.attempt = 0;
      }, this.opts.stableAfterMs);
    };
    socket.onmessage = (ev) => {
      if (this.socket !== socket) return;
      this.lastHeard = Date.now();
      this.handleFrame(ev.data);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.dropSocket();
      this.scheduleReconnect();
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
        return;
    }
  }

  private heartbeat(): void {
    if (Date.now() - this.lastHeard > this.opts.staleAfterMs) {
      // Half-open socket (laptop slept, NAT dropped it): do not wait for a close that may never come.
      this.dropSocket();
      this.scheduleReconnect();
      return;
    }
    this.write({ type: 'ping' });
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

  private finish(state: ConnectionState): void {
    clearTimeout(this.retryTimer);
    this.dropSocket();
    this.setState(state);
  }

  private dropSocket(): void {
    clearInterval(this.pingTimer);
    clearTimeout(this.stableTimer);
    const socket = this.socket;
    this.socket = undefined;
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
