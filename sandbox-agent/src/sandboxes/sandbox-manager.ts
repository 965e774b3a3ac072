import path from 'node:path';
import type { AgentSandboxView } from '../../../contract/agent-api.ts';
import { BerthError } from '../../../contract/errors.ts';
import type { AgentDiskReport } from '../../../contract/heartbeat.ts';
import type { Engine } from '../docker/engine.ts';
import { LABEL, sandboxLabels } from '../docker/labels.ts';
import { ReplayJournal } from '../terminal/replay-journal.ts';
import { TerminalSession } from '../terminal/terminal-session.ts';
import type { AgentSettings } from './agent-settings.ts';
import { type DiskRoom, describeDiskRoom, diskWarning, measureDiskRoom } from './disk-room.ts';
import { currentImageStore, nodeDockerSeed, storeBind } from './image-store.ts';
import {
  createSandboxCgroup,
  remappedRootUid,
  removeSandboxCgroup,
  sandboxCgroupParent,
} from './node-cgroups.ts';
import { nodeContainerSpec } from './node-spec.ts';
import { startNode, waitNodeReady } from './node-start.ts';
import {
  createSandboxDisk,
  diskPaths,
  listSandboxDisks,
  nodeDirs,
  removeSandboxDisk,
  SpareDisk,
  terminalJournalPath,
} from './sandbox-disk.ts';
import { bridgeName, containerName, networkName } from './sandbox-names.ts';
import { installSandboxSshKey, makeSandboxSshKey } from './sandbox-ssh-key.ts';
import { StartPhases } from './start-phases.ts';

// The agent's view of its sandboxes. Engine labels are the source of truth; this is a cache of them
// plus the live terminal sessions, rebuilt by adopt() after a restart.

type AgentSandboxState = AgentSandboxView['state'];

export interface AgentSandbox {
  id: string;
  owner: string;
  nodes: Map<string, string>; // node name → container id
  expiresAt: Date;
  state: AgentSandboxState;
  failureReason?: string;
  terminals: Map<string, TerminalSession>;
}

const READY_TIMEOUT_MS = 60_000;

// Beside the sandboxes' folder (not in it: every folder there is a sandbox to adopt or remove).
const seedsDir = (sandboxesDir: string) => path.join(path.dirname(sandboxesDir), 'node-docker-seeds');
const spareDiskDir = (sandboxesDir: string) => path.join(path.dirname(sandboxesDir), 'spare-disk');

export class SandboxManager {
  private readonly sandboxes = new Map<string, AgentSandbox>();
  private readonly creating = new Map<string, Promise<AgentSandboxView>>();
  private lastDiskState: DiskRoom['state'] = 'ok';
  private readonly spareDisk: SpareDisk;

  constructor(
    private readonly engine: Engine,
    private readonly settings: AgentSettings,
  ) {
    this.spareDisk = new SpareDisk(spareDiskDir(settings.sandboxesDir));
  }

  /** Resolves when no spare disk is being made (one is mounted only meanwhile): before the agent exits or
   * its folder is removed. */
  spareDiskIdle(): Promise<void> {
    return this.spareDisk.idle();
  }

  /** Removes the spare disk, also one an agent killed while making it left mounted (its folder can then go). */
  async discardSpareDisk(): Promise<void> {
    await this.spareDisk.idle();
    await this.spareDisk.discard();
  }

  /** Makes the disk the next cold start takes (SpareDisk); resolves when it is there. */
  async prepareSpareDisk(): Promise<void> {
    const { settings } = this;
    try {
      const rootUid = await remappedRootUid();
      const store = await currentImageStore(settings.imageStoreRoot);
      const dockerSeed = await nodeDockerSeed(store, rootUid, seedsDir(settings.sandboxesDir));
      await this.spareDisk.refill({ sizeMb: settings.diskMb, rootUid, dockerSeed });
    } catch (e) {
      // Only slower: the first start makes its own disk.
      console.warn(`[agent] no spare sandbox disk yet: ${e instanceof Error ? e.message : e}`);
    }
  }

  view(s: AgentSandbox): AgentSandboxView {
    return {
      id: s.id,
      owner: s.owner,
      state: s.state,
      nodes: [...s.nodes.keys()],
      expiresAt: s.expiresAt.toISOString(),
      ...(s.failureReason ? { failureReason: s.failureReason } : {}),
    };
  }

  list(): AgentSandboxView[] {
    return [...this.sandboxes.values()].map((s) => this.view(s));
  }

  get(id: string): AgentSandbox {
    const s = this.sandboxes.get(id);
    if (!s) throw new BerthError('not_found', `sandbox ${id} not found on this agent`);
    return s;
  }

  /** How many sandboxes this agent can hold now: the configured maximum, or fewer when host disk is short. */
  get capacity(): number {
    const held = this.sandboxes.size + this.creating.size;
    return Math.min(this.settings.maxSandboxes, held + this.diskRoom().fits);
  }

  diskRoom(): DiskRoom {
    return measureDiskRoom({
      sandboxesDir: this.settings.sandboxesDir,
      diskMb: this.settings.diskMb,
      expectedMb: this.settings.diskExpectedMb,
      reserveMb: this.settings.diskReserveMb,
      inFlight: new Set(this.creating.keys()),
    });
  }

  /**
   * The host disk watchdog, run by every heartbeat: what the control plane shows in GET /api/health so
   * an instructor is warned while new sandboxes are still refused cleanly. Logs each change of state.
   */
  diskReport(): AgentDiskReport {
    const room = this.diskRoom();
    const warning = diskWarning(room);
    if (room.state !== this.lastDiskState) {
      const log = room.state === 'ok' ? console.log : console.warn;
      log(`[agent] host disk ${room.state}: ${warning ?? describeDiskRoom(room)}`);
      this.lastDiskState = room.state;
    }
    return {
      state: room.state,
      freeMb: Math.floor(room.availableBytes / (1024 * 1024)),
      ...(warning ? { warning } : {}),
    };
  }

  // Idempotent: creating a sandbox that exists returns it; concurrent calls share one creation.
  create(input: { id: string; owner: string; nodes: string[]; expiresAt: Date }): Promise<AgentSandboxView> {
    const existing = this.sandboxes.get(input.id);
    if (existing) return Promise.resolve(this.view(existing));
    const inFlight = this.creating.get(input.id);
    if (inFlight) return inFlight;
    if (this.sandboxes.size + this.creating.size >= this.settings.maxSandboxes) {
      throw new BerthError('out_of_capacity', 'This worker has no room for another sandbox right now.');
    }
    // Checked before anything is created, so a refusal leaves nothing behind.
    const room = this.diskRoom();
    if (room.fits < 1) {
      console.warn(
        `[agent] refused sandbox ${input.id}: its expected ${this.settings.diskExpectedMb} MiB do not fit (${describeDiskRoom(room)})`,
      );
      throw new BerthError(
        'out_of_capacity',
        'The sandbox host is almost out of disk space, so no new sandbox can start there right now. Please try again later; if it keeps happening, tell whoever runs this Berth.',
      );
    }
    const p = this.doCreate(input).finally(() => this.creating.delete(input.id));
    this.creating.set(input.id, p);
    return p;
  }

  private async doCreate(input: {
    id: string;
    owner: string;
    nodes: string[];
    expiresAt: Date;
  }): Promise<AgentSandboxView> {
    const { engine, settings } = this;
    const labels = sandboxLabels({
      sandboxId: input.id,
      owner: input.owner,
      agentId: settings.agentId,
      expiresAt: input.expiresAt,
    });
    const sandbox: AgentSandbox = {
      id: input.id,
      owner: input.owner,
      nodes: new Map(),
      expiresAt: input.expiresAt,
      state: 'starting',
      terminals: new Map(),
    };
    const phases = new StartPhases();
    try {
      const rootUid = await remappedRootUid();
      const store = await currentImageStore(settings.imageStoreRoot);
      const cgroupParent = sandboxCgroupParent(settings.cgroupParent, input.id);
      const diskAt = diskPaths(settings.sandboxesDir, input.id);
      // Independent preparations side by side: the disk (with each node's image-store metadata), the
      // sandbox's ssh key, the parent cgroup, and the network with the nodes' containers on it — creating a
      // container needs neither its disk (the engine looks a bind's source up only at start) nor its cgroup.
      // The key goes onto the disk once both are there.
      const [disk, key, , ids] = await allSettledOrThrow([
        nodeDockerSeed(store, rootUid, seedsDir(settings.sandboxesDir)).then((dockerSeed) =>
          createSandboxDisk({
            sandboxesDir: settings.sandboxesDir,
            sandboxId: input.id,
            sizeMb: settings.diskMb,
            nodes: input.nodes,
            rootUid,
            dockerSeed,
            spare: this.spareDisk,
          }),
        ),
        makeSandboxSshKey(input.id),
        createSandboxCgroup({ cgroupParent, limits: settings.limits, nodeCount: input.nodes.length }),
        engine
          .createNetwork(networkName(input.id), labels, bridgeName(input.id))
          .then((id) => engine.networkGateway(id))
          .then((gateway) =>
            allSettledOrThrow(
              input.nodes.map((node) => {
                const dirs = nodeDirs(diskAt, node);
                return engine.createContainer(
                  nodeContainerSpec({
                    name: containerName(input.id, node),
                    hostname: node,
                    image: settings.nodeImage,
                    networkName: networkName(input.id),
                    labels: { ...labels, [LABEL.node]: node },
                    limits: settings.limits,
                    dockerDataDir: dirs.docker,
                    homeDir: dirs.home,
                    rootDir: dirs.root,
                    cgroupParent,
                    imageStoreBind: storeBind(store),
                    gateway,
                    mirrorPort: settings.mirrorPort,
                  }),
                );
              }),
            ),
          ),
      ]);
      await installSandboxSshKey({ key, homeDirs: input.nodes.map((n) => nodeDirs(disk, n).home), rootUid });
      phases.mark('prepare');
      await allSettledOrThrow(
        input.nodes.map((node, i) =>
          startNode(engine, ids[i]!, { cgroupParent, rootUid, rootDir: nodeDirs(disk, node).root }),
        ),
      );
      // In the order asked for (node1, node2, …), whichever started first.
      for (const [i, node] of input.nodes.entries()) sandbox.nodes.set(node, ids[i]!);
      phases.mark('node-start');
      // The first node's login shell starts while the engines come up (it waits only for the node's root,
      // see LOGIN_SHELL), so the prompt is already in its replay buffer when the learner's page connects.
      // Not awaited: a shell that cannot start now is started again on the first attach.
      this.session(sandbox, input.nodes[0]!)
        .prestart()
        .catch(() => {});
      // Ready = every inner engine listens (the course images come with the shared store).
      await Promise.all([...sandbox.nodes.values()].map((id) => waitNodeReady(engine, id, READY_TIMEOUT_MS)));
      phases.mark('engine-ready');
      console.log(`[agent] sandbox ${input.id} ready in ${phases.totalMs} ms (${phases})`);
      sandbox.state = 'ready';
      this.sandboxes.set(input.id, sandbox);
      return this.view(sandbox);
    } catch (e) {
      for (const t of sandbox.terminals.values()) t.close();
      await this.removeObjects(input.id).catch(() => {});
      if (e instanceof BerthError) throw e;
      throw new BerthError(
        'internal',
        `could not start sandbox: ${e instanceof Error ? e.message : String(e)}`,
      );
    }
  }

  // A sandbox whose objects could not all be removed stays listed (failed), so the reaper and the
  // control plane's next stop try again instead of forgetting it half-removed.
  async remove(id: string): Promise<void> {
    // Removed while still starting (a learner who leaves at once): let the start end first, so its disk,
    // network and containers are not created behind the removal's back.
    await this.creating.get(id)?.catch(() => {});
    const s = this.sandboxes.get(id);
    if (s) {
      for (const t of s.terminals.values()) t.close();
      s.terminals.clear();
    }
    try {
      await this.removeObjects(id);
    } catch (e) {
      if (s) {
        s.state = 'failed';
        s.failureReason = 'its removal failed and is being retried';
      }
      throw e;
    }
    this.sandboxes.delete(id);
  }

  // Removes by label and by name, so it works for half-created sandboxes and after restarts.
  private async removeObjects(id: string): Promise<void> {
    const byLabel = { [LABEL.sandbox]: id };
    const containers = await this.engine.listContainers(byLabel);
    await Promise.all(containers.map((c) => this.engine.removeContainer(c.id)));
    for (const n of await this.engine.listNetworks(byLabel)) await this.engine.removeNetwork(n.id);
    for (const v of await this.engine.listVolumes(byLabel)) await this.engine.removeVolume(v.name);
    await removeSandboxDisk(this.settings.sandboxesDir, id);
    await removeSandboxCgroup({ cgroupParent: sandboxCgroupParent(this.settings.cgroupParent, id) });
  }

  // After a restart: find our sandboxes again by label; clean up whatever is half there.
  async adopt(): Promise<{ adopted: string[]; removed: string[] }> {
    const containers = await this.engine.listContainers({
      [LABEL.managed]: 'true',
      [LABEL.agent]: this.settings.agentId,
    });
    const bySandbox = new Map<string, typeof containers>();
    for (const c of containers) {
      const id = c.labels[LABEL.sandbox];
      if (!id) continue;
      bySandbox.set(id, [...(bySandbox.get(id) ?? []), c]);
    }
    const adopted: string[] = [];
    for (const [id, list] of bySandbox) {
      if (this.sandboxes.has(id)) continue;
      const first = list[0]!;
      const allRunning = list.every((c) => c.state === 'running');
      const sandbox: AgentSandbox = {
        id,
        owner: first.labels[LABEL.owner] ?? '',
        nodes: new Map(list.map((c) => [c.labels[LABEL.node] ?? 'node1', c.id])),
        expiresAt: new Date(first.labels[LABEL.expiresAt] ?? Date.now()),
        state: allRunning ? 'ready' : 'failed',
        ...(allRunning ? {} : { failureReason: 'a node of this sandbox stopped while the agent was away' }),
        terminals: new Map(),
      };
      this.sandboxes.set(id, sandbox);
      adopted.push(id);
    }
    const removed: string[] = [];
    for (const id of await listSandboxDisks(this.settings.sandboxesDir)) {
      if (!bySandbox.has(id) && !this.creating.has(id)) {
        // A leftover that cannot be removed now is found again by the next adopt (its disk stays).
        await this.removeObjects(id).then(
          () => removed.push(id),
          (e) => console.error(`[agent] could not remove leftover sandbox ${id}:`, e),
        );
      }
    }
    return { adopted, removed };
  }

  // Safety net behind the control plane's BullMQ expiry: nothing outlives its TTL by more than a grace period.
  // Only what was really removed counts as reaped; a failure stays listed and is retried next round.
  async reapExpired(
    graceMs: number,
  ): Promise<{ reaped: string[]; failed: { id: string; error: unknown }[] }> {
    const now = Date.now();
    const expired = [...this.sandboxes.values()]
      .filter((s) => s.expiresAt.getTime() + graceMs < now)
      .map((s) => s.id);
    const reaped: string[] = [];
    const failed: { id: string; error: unknown }[] = [];
    for (const id of expired) {
      await this.remove(id).then(
        () => reaped.push(id),
        (error: unknown) => failed.push({ id, error }),
      );
    }
    return { reaped, failed };
  }

  markFailed(id: string, reason: string): void {
    const s = this.sandboxes.get(id);
    if (!s) return;
    s.state = 'failed';
    s.failureReason = reason;
  }

  nodeContainer(id: string, node: string): string {
    const s = this.get(id);
    const cid = s.nodes.get(node);
    if (!cid) throw new BerthError('not_found', `sandbox ${id} has no node ${node}`);
    return cid;
  }

  terminal(id: string, node: string): TerminalSession {
    const s = this.get(id);
    if (s.state !== 'ready') throw new BerthError('conflict', `sandbox ${id} is ${s.state}`);
    this.nodeContainer(id, node);
    return this.session(s, node);
  }

  // The node's one terminal session, made on first use (the node must be in s.nodes).
  private session(s: AgentSandbox, node: string): TerminalSession {
    let t = s.terminals.get(node);
    if (!t) {
      const cid = s.nodes.get(node)!;
      t = new TerminalSession(
        (size) =>
          this.engine.execInteractive(cid, ['bash', '-c', LOGIN_SHELL], {
            ...size,
            // BERTH_MOTD_SHOWN: the node's ~/.bashrc prints its (English) welcome only without it; the page
            // prints one in the learner's language (components/terminal/terminal-strings.ts).
            env: ['TERM=xterm-256color', 'LANG=C.UTF-8', 'HOME=/root', 'BERTH_MOTD_SHOWN=1'],
            workingDir: '/root',
          }),
        this.settings.replayBytes,
        undefined,
        new ReplayJournal(
          terminalJournalPath(this.settings.sandboxesDir, s.id, node),
          this.settings.replayBytes,
        ),
      );
      s.terminals.set(node, t);
    }
    return t;
  }
}

// The learner's login shell. The first one starts while the node is still starting (doCreate): it waits until
// the node's init has moved the root onto the writable overlay and put the dotfiles in /root (berth-node-init
// touches the flag), then enters /root afresh — the directory it was started in belonged to the root before
// the move. A node without the flag (an image from before it) gets its shell after 3 s all the same.
const LOGIN_SHELL = `for ((i = 0; i < 300; i++)); do [ -e /run/berth-root-ready ] && break; sleep 0.01; done
cd /root 2>/dev/null
exec bash -l`;

// Like Promise.all, but settles only when every step has ended: a failure then cleans up after all of them
// (removeObjects), never while a sibling is still creating a network or a container.
async function allSettledOrThrow<T extends readonly unknown[]>(
  steps: readonly [...{ [K in keyof T]: Promise<T[K]> }],
): Promise<T> {
  const settled = await Promise.allSettled(steps);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
