import { BerthError } from '../../../contract/errors.ts';
import type { PublishedPorts } from '../../../contract/published-ports.ts';
import type { Engine } from '../docker/engine.ts';
import type { SandboxManager } from '../sandboxes/sandbox-manager.ts';
import { networkName } from '../sandboxes/sandbox-names.ts';
import { NodePortWatcher } from './node-port-watcher.ts';
import { portsVersion } from './published-ports.ts';

// Published ports per sandbox, for the lesson page's preview links and the preview proxy. Watching starts
// when someone asks (a page open on the sandbox, a preview request) and stops once nobody has asked for a
// while, so a sandbox nobody looks at costs no exec at all.

interface Watched {
  watchers: Map<string, NodePortWatcher>;
  addresses: Map<string, string>;
  waiters: Set<() => void>;
  lastUsed: number;
}

const IDLE_MS = 3 * 60_000;
const SWEEP_EVERY_MS = 30_000;
// How long a first request waits for the first listing; after that it answers with what is known.
const FIRST_LISTING_WAIT_MS = 5000;
export const MAX_PORTS_WAIT_MS = 25_000;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms).unref());

export class PortPreviews {
  private readonly watched = new Map<string, Watched>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly engine: Engine,
    private readonly manager: SandboxManager,
  ) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_EVERY_MS);
    this.sweeper.unref();
  }

  /** The sandbox's published ports; with `after` = the caller's version, waits up to waitMs for a change. */
  async list(sandboxId: string, opts: { after?: string; waitMs?: number } = {}): Promise<PublishedPorts> {
    const w = this.watch(sandboxId);
    await this.firstListings(w);
    const now = this.snapshot(w);
    if (opts.after === undefined || opts.after !== now.version || !opts.waitMs) return now;
    const waitMs = Math.min(opts.waitMs, MAX_PORTS_WAIT_MS);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        w.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, waitMs);
      w.waiters.add(done);
    });
    w.lastUsed = Date.now();
    return this.snapshot(w);
  }

  /** Where a preview of node:port goes — only ever the sandbox's own node, only a port published there. */
  async target(sandboxId: string, node: string, port: number): Promise<{ host: string; port: number }> {
    const w = this.watch(sandboxId);
    const watcher = w.watchers.get(node);
    if (!watcher) throw new BerthError('not_found', `This sandbox has no ${node}.`);
    await this.firstListings(w);
    if (!watcher.ports.some((p) => p.port === port)) {
      // `docker run -p` may have answered a moment ago and its event still be on the way.
      await watcher.refreshOnMiss();
      if (!watcher.ports.some((p) => p.port === port)) {
        throw new BerthError(
          'not_found',
          `Nothing is published on ${node}:${port}. Publish it with docker run -p ${port}:<container port> …`,
        );
      }
    }
    return { host: await this.nodeAddress(sandboxId, node, w), port };
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.watched.keys()]) this.unwatch(id);
  }

  private watch(sandboxId: string): Watched {
    const sandbox = this.manager.get(sandboxId);
    if (sandbox.state !== 'ready')
      throw new BerthError('conflict', `The sandbox is ${sandbox.state}, not ready.`);
    let w = this.watched.get(sandboxId);
    if (!w) {
      const watched: Watched = { watchers: new Map(), addresses: new Map(), waiters: new Set(), lastUsed: 0 };
      for (const [node, containerId] of sandbox.nodes) {
        const watcher = new NodePortWatcher(this.engine, containerId, node, () => {
          for (const wake of [...watched.waiters]) wake();
        });
        watched.watchers.set(node, watcher);
        watcher.start();
      }
      this.watched.set(sandboxId, watched);
      w = watched;
    }
    w.lastUsed = Date.now();
    return w;
  }

  private unwatch(sandboxId: string): void {
    const w = this.watched.get(sandboxId);
    if (!w) return;
    this.watched.delete(sandboxId);
    for (const watcher of w.watchers.values()) watcher.stop();
    for (const wake of [...w.waiters]) wake();
  }

  private sweep(): void {
    const now = Date.now();
    for (const [id, w] of this.watched) {
      const alive = this.manager.list().some((s) => s.id === id && s.state === 'ready');
      if (!alive || (w.waiters.size === 0 && now - w.lastUsed > IDLE_MS)) this.unwatch(id);
    }
  }

  private snapshot(w: Watched): PublishedPorts {
    const ports = [...w.watchers.values()].flatMap((watcher) => watcher.ports);
    return { version: portsVersion(ports), ports };
  }

  private async firstListings(w: Watched): Promise<void> {
    await Promise.race([
      Promise.all([...w.watchers.values()].map((watcher) => watcher.firstListing)),
      sleep(FIRST_LISTING_WAIT_MS),
    ]);
  }

  // The node's address on its sandbox network, from the worker host's engine — never from the learner.
  private async nodeAddress(sandboxId: string, node: string, w: Watched): Promise<string> {
    const known = w.addresses.get(node);
    if (known) return known;
    const info = await this.engine.inspectContainer(this.manager.nodeContainer(sandboxId, node));
    const address = info?.NetworkSettings.Networks?.[networkName(sandboxId)]?.IPAddress;
    if (!address) throw new BerthError('conflict', `${node} has no address on its sandbox network.`);
    w.addresses.set(node, address);
    return address;
  }
}
