import type { PublishedPort } from '../../../contract/published-ports.ts';
import type { Engine } from '../docker/engine.ts';
import { portsVersion, publishedPortsOf } from './published-ports.ts';

// Follows one node's inner Docker engine: a long-running `curl …/events` exec inside the node streams
// container start/die/destroy events, and each event re-lists the published ports. The stream is
// recycled every few minutes (curl --max-time), so a curl left behind by a stopped watcher ends soon.

const API = 'http://docker/v1.41';
const SOCKET = '/var/run/docker.sock';
const STREAM_SECONDS = 300;
const LIST_TIMEOUT_MS = 10_000;
const MISS_REFRESH_EVERY_MS = 1000;
// The engine emits "die" a moment before /containers/json stops listing the container as running:
// list again once the events of a burst have settled.
const SETTLE_MS = 400;

const EVENT_FILTERS = JSON.stringify({
  type: ['container'],
  event: ['start', 'die', 'stop', 'destroy', 'pause', 'unpause'],
});

// -D - puts the response headers on stdout first: their arrival says the subscription is live, and only
// then is the first listing taken, so no event between "list" and "subscribe" is lost.
const EVENTS_CMD = [
  'curl',
  '-sN',
  '--max-time',
  String(STREAM_SECONDS),
  '-D',
  '-',
  '--unix-socket',
  SOCKET,
  `${API}/events?filters=${encodeURIComponent(EVENT_FILTERS)}`,
];
const LIST_CMD = ['curl', '-sS', '--max-time', '5', '--unix-socket', SOCKET, `${API}/containers/json`];
// curl's exit code when nothing listens on the socket: the inner engine is down, so nothing is published.
const CURL_COULD_NOT_CONNECT = 7;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class NodePortWatcher {
  ports: PublishedPort[] = [];
  /** Settles after the first listing (or first failed attempt), so callers need not see an empty start. */
  readonly firstListing: Promise<void>;
  private settleFirst!: () => void;
  private stopped = false;
  private dirty = false;
  private refreshing: Promise<void> | undefined;
  private stream: { stop(): void } | undefined;
  private pending = '';
  private lastMissRefresh = 0;
  private settleTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly engine: Engine,
    private readonly containerId: string,
    readonly node: string,
    private readonly onChange: () => void,
  ) {
    this.firstListing = new Promise((r) => {
      this.settleFirst = r;
    });
  }

  start(): void {
    void this.follow();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.settleTimer);
    this.stream?.stop();
    this.settleFirst();
  }

  /** Re-lists now; concurrent calls share one run and a call during a run causes one more. */
  refresh(): Promise<void> {
    this.dirty = true;
    if (!this.refreshing) {
      this.refreshing = (async () => {
        while (this.dirty && !this.stopped) {
          this.dirty = false;
          await this.listOnce();
        }
      })().finally(() => {
        this.refreshing = undefined;
        this.settleFirst();
      });
    }
    return this.refreshing;
  }

  /** A proxy request for a port we do not know: maybe its event is still on the way. Rate-limited. */
  refreshOnMiss(): Promise<void> {
    if (Date.now() - this.lastMissRefresh < MISS_REFRESH_EVERY_MS)
      return this.refreshing ?? Promise.resolve();
    this.lastMissRefresh = Date.now();
    return this.refresh();
  }

  private async follow(): Promise<void> {
    let backoff = 500;
    while (!this.stopped) {
      const opened = Date.now();
      this.pending = '';
      try {
        const s = await this.engine.execStream(this.containerId, EVENTS_CMD, (c) => this.onChunk(c));
        this.stream = s;
        if (this.stopped) s.stop();
        await s.done;
      } catch {
        // The node is gone or not answering; retried below until the watcher is stopped.
      }
      this.stream = undefined;
      if (this.stopped) return;
      // The engine may have died with the stream: what was published is then gone too.
      void this.refresh();
      // A stream that lived a while ended by --max-time: reconnect at once. One that failed fast backs off.
      backoff = Date.now() - opened > 10_000 ? 200 : Math.min(backoff * 2, 10_000);
      await sleep(backoff);
    }
  }

  private onChunk(chunk: Buffer): void {
    this.pending += chunk.toString('utf8');
    let nl = this.pending.indexOf('\n');
    let changed = false;
    while (nl >= 0) {
      const line = this.pending.slice(0, nl);
      this.pending = this.pending.slice(nl + 1);
      nl = this.pending.indexOf('\n');
      // The status line (subscribed) or an event: either way, list again. Header lines are ignored.
      if (line.startsWith('HTTP/') || line.startsWith('{')) changed = true;
    }
    if (this.pending.length > 64 * 1024) this.pending = '';
    if (!changed) return;
    void this.refresh();
    clearTimeout(this.settleTimer);
    this.settleTimer = setTimeout(() => void this.refresh(), SETTLE_MS);
  }

  private async listOnce(): Promise<void> {
    let next: PublishedPort[] | undefined;
    try {
      const res = await this.engine.exec(this.containerId, LIST_CMD, { timeoutMs: LIST_TIMEOUT_MS });
      if (res.exitCode === 0) {
        let body: unknown;
        try {
          body = JSON.parse(res.output);
        } catch {
          body = undefined;
        }
        next = publishedPortsOf(this.node, body);
      } else if (res.exitCode === CURL_COULD_NOT_CONNECT) {
        next = [];
      }
    } catch {
      next = []; // the node container itself is gone
    }
    // A timeout or garbled answer keeps the last known list rather than flickering the links away.
    if (!next || this.stopped) return;
    if (portsVersion(next) !== portsVersion(this.ports)) {
      this.ports = next;
      this.onChange();
    }
  }
}
