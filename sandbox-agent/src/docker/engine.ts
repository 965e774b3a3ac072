import { type Duplex, PassThrough } from 'node:stream';
import Docker from 'dockerode';
import { z } from 'zod';
import { BerthError } from '../../../contract/errors.ts';
import { labelFilter } from './labels.ts';

// The only module that talks to the Docker Engine. Everything above it speaks in sandboxes and nodes.

export type ContainerSpec = Docker.ContainerCreateOptions;

export interface ContainerSummary {
  id: string;
  name: string;
  state: string;
  labels: Record<string, string>;
}

export interface ExecResult {
  exitCode: number;
  output: string;
  truncated: boolean;
  timedOut: boolean;
}

export interface InteractiveExec {
  stream: Duplex;
  resize(cols: number, rows: number): Promise<void>;
  exitCode(): Promise<number | null>;
}

const MAX_EXEC_OUTPUT = 256 * 1024;

const dieEventSchema = z.object({
  id: z.string(),
  Actor: z.object({ Attributes: z.record(z.string(), z.string()).default({}) }).default({ Attributes: {} }),
});

export class Engine {
  private readonly docker: Docker;

  constructor(socketPath: string) {
    this.docker = new Docker({ socketPath });
  }

  async ping(): Promise<void> {
    await this.docker.ping();
  }

  async imageExists(name: string): Promise<boolean> {
    try {
      await this.docker.getImage(name).inspect();
      return true;
    } catch (e) {
      if (statusOf(e) === 404) return false;
      throw e;
    }
  }

  async createNetwork(name: string, labels: Record<string, string>, bridgeName: string): Promise<string> {
    const net = await this.docker.createNetwork({
      Name: name,
      Driver: 'bridge',
      Internal: true,
      CheckDuplicate: true,
      Labels: labels,
      Options: {
        'com.docker.network.bridge.name': bridgeName,
        // Nodes of one sandbox talk to each other; nothing else does (host firewall drops the rest).
        'com.docker.network.bridge.enable_icc': 'true',
        'com.docker.network.bridge.enable_ip_masquerade': 'false',
      },
    });
    return net.id;
  }

  // The host's address on a network's bridge: what the nodes use to reach host-side services (the mirror).
  async networkGateway(id: string): Promise<string> {
    const info = await this.docker.getNetwork(id).inspect();
    const gateway = info.IPAM?.Config?.[0]?.Gateway as string | undefined;
    if (!gateway) throw new Error(`network ${id} has no gateway address`);
    return gateway;
  }

  async createVolume(name: string, labels: Record<string, string>): Promise<void> {
    await this.docker.createVolume({ Name: name, Labels: labels });
  }

  async createContainer(spec: ContainerSpec): Promise<string> {
    const c = await this.docker.createContainer(spec);
    return c.id;
  }

  async startContainer(id: string): Promise<void> {
    await this.docker.getContainer(id).start();
  }

  // Like `docker stop`: the container's stop signal, then SIGKILL after timeoutSec.
  async stopContainer(id: string, timeoutSec: number): Promise<void> {
    try {
      await this.docker.getContainer(id).stop({ t: timeoutSec });
    } catch (e) {
      if (statusOf(e) !== 304) throw e; // already stopped
    }
  }

  async inspectContainer(id: string): Promise<Docker.ContainerInspectInfo | undefined> {
    try {
      return await this.docker.getContainer(id).inspect();
    } catch (e) {
      if (statusOf(e) === 404) return undefined;
      throw e;
    }
  }

  async containerLogs(id: string, tail = 50): Promise<string> {
    const buf = await this.docker.getContainer(id).logs({ stdout: true, stderr: true, tail, follow: false });
    return demuxToString(buf);
  }

  async listContainers(labels: Record<string, string>): Promise<ContainerSummary[]> {
    const list = await this.docker.listContainers({ all: true, filters: { label: labelFilter(labels) } });
    return list.map((c) => ({
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      state: c.State,
      labels: c.Labels ?? {},
    }));
  }

  async listNetworks(labels: Record<string, string>): Promise<{ id: string; name: string }[]> {
    const list = await this.docker.listNetworks({ filters: { label: labelFilter(labels) } });
    return list.map((n) => ({ id: n.Id, name: n.Name }));
  }

  async listVolumes(labels: Record<string, string>): Promise<{ name: string }[]> {
    const res = await this.docker.listVolumes({ filters: { label: labelFilter(labels) } });
    return (res.Volumes ?? []).map((v) => ({ name: v.Name }));
  }

  async removeContainer(id: string): Promise<void> {
    await ignore404(this.docker.getContainer(id).remove({ force: true, v: true }));
  }

  // Right after its containers were removed, the engine may still count one of them on the network (it lets a
  // killed container's endpoint go in the background: "has active endpoints", seen once in a test run): what
  // is left is disconnected by force and the removal tried again, a few times over about a second.
  async removeNetwork(id: string): Promise<void> {
    const network = this.docker.getNetwork(id);
    for (let attempt = 1; ; attempt++) {
      try {
        await ignore404(network.remove());
        return;
      } catch (e) {
        if (attempt === 5 || statusOf(e) !== 403 || !String(e).includes('active endpoints')) throw e;
        const info = (await network.inspect().catch(() => undefined)) as
          | { Containers?: Record<string, unknown> }
          | undefined;
        for (const container of Object.keys(info?.Containers ?? {})) {
          await network.disconnect({ Container: container, Force: true }).catch(() => {});
        }
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  }

  async removeVolume(name: string): Promise<void> {
    await ignore404(this.docker.getVolume(name).remove({ force: true }));
  }

  // Follows container "die" events of the labelled containers until stop() is called.
  async onContainerDeath(
    labels: Record<string, string>,
    onDeath: (e: { id: string; labels: Record<string, string> }) => void,
  ): Promise<() => void> {
    const stream = (await this.docker.getEvents({
      filters: { type: ['container'], event: ['die'], label: labelFilter(labels) },
    })) as NodeJS.ReadableStream & { destroy(): void };
    let pending = '';
    stream.on('data', (chunk: Buffer) => {
      pending += chunk.toString('utf8');
      let nl = pending.indexOf('\n');
      while (nl >= 0) {
        const line = pending.slice(0, nl);
        pending = pending.slice(nl + 1);
        nl = pending.indexOf('\n');
        let json: unknown;
        try {
          json = JSON.parse(line);
        } catch {
          continue; // a torn or foreign line: the next event is independent
        }
        const e = dieEventSchema.safeParse(json);
        if (e.success) onDeath({ id: e.data.id, labels: e.data.Actor.Attributes });
      }
    });
    return () => stream.destroy();
  }

  // Runs a command to completion and collects its (bounded) output; used by checks and readiness probes.
  async exec(
    containerId: string,
    cmd: string[],
    opts: { timeoutMs: number; stdin?: string; env?: string[]; maxOutputBytes?: number },
  ): Promise<ExecResult> {
    const maxOutput = opts.maxOutputBytes ?? MAX_EXEC_OUTPUT;
    const container = this.docker.getContainer(containerId);
    const exec = await container.exec({
      Cmd: cmd,
      AttachStdout: true,
      AttachStderr: true,
      AttachStdin: opts.stdin !== undefined,
      Tty: false,
      Env: opts.env,
    });
    const stream = await exec.start({ hijack: true, stdin: opts.stdin !== undefined });
    const out = new PassThrough();
    this.docker.modem.demuxStream(stream, out, out);
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    out.on('data', (c: Buffer) => {
      if (size >= maxOutput) {
        truncated = true;
        return;
      }
      chunks.push(c);
      size += c.length;
    });
    if (opts.stdin !== undefined) stream.end(opts.stdin);
    let timedOut = false;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timedOut = true;
        stream.destroy();
        resolve();
      }, opts.timeoutMs);
      stream.on('end', () => {
        clearTimeout(timer);
        resolve();
      });
      stream.on('close', () => {
        clearTimeout(timer);
        resolve();
      });
      stream.on('error', () => {
        clearTimeout(timer);
        resolve();
      });
    });
    const info = timedOut ? undefined : await exec.inspect().catch(() => undefined);
    return {
      exitCode: info?.ExitCode ?? -1,
      output: Buffer.concat(chunks).toString('utf8'),
      truncated,
      timedOut,
    };
  }

  // A long-running exec whose stdout is handed over as it arrives (e.g. the inner engine's event stream).
  // `done` settles when the command ends or stop() is called; stop() only drops our side of the stream.
  async execStream(
    containerId: string,
    cmd: string[],
    onData: (chunk: Buffer) => void,
  ): Promise<{ done: Promise<void>; stop(): void }> {
    const exec = await this.docker.getContainer(containerId).exec({
      Cmd: cmd,
      AttachStdout: true,
      AttachStderr: false,
      Tty: false,
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const out = new PassThrough();
    this.docker.modem.demuxStream(stream, out, out);
    out.on('data', onData);
    const done = new Promise<void>((resolve) => {
      stream.on('end', resolve);
      stream.on('close', resolve);
      stream.on('error', () => resolve());
    });
    return { done, stop: () => stream.destroy() };
  }

  // A TTY exec: the learner's shell. The stream carries raw terminal bytes both ways.
  async execInteractive(
    containerId: string,
    cmd: string[],
    opts: { cols: number; rows: number; env: string[]; workingDir: string },
  ): Promise<InteractiveExec> {
    const exec = await this.docker.getContainer(containerId).exec({
      Cmd: cmd,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      Env: opts.env,
      WorkingDir: opts.workingDir,
      // The engine watches an exec's stdin for detach keys, Ctrl-P Ctrl-Q by default — which the learner
      // types for their own `docker attach` inside the node, and which then ended their shell. An exec
      // cannot turn detaching off, so it gets a sequence nobody types (see TERMINAL_DETACH_KEYS).
      DetachKeys: TERMINAL_DETACH_KEYS,
    });
    const stream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as Duplex;
    await exec.resize({ w: opts.cols, h: opts.rows }).catch(() => {});
    return {
      stream,
      resize: async (cols, rows) => {
        await exec.resize({ w: cols, h: rows });
      },
      exitCode: async () => {
        const info = await exec.inspect().catch(() => undefined);
        return info?.ExitCode ?? null;
      },
    };
  }
}

// Six rarely used control characters in a row; a learner's Ctrl-P Ctrl-Q passes through to the node.
export const TERMINAL_DETACH_KEYS = 'ctrl-^,ctrl-],ctrl-^,ctrl-],ctrl-^,ctrl-]';

function statusOf(e: unknown): number | undefined {
  return typeof e === 'object' && e !== null && 'statusCode' in e ? Number(e.statusCode) : undefined;
}

async function ignore404(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (e) {
    const s = statusOf(e);
    if (s === 404) return;
    // 409 "removal already in progress" is fine for idempotent removal.
    if (s === 409 && String(e).includes('already in progress')) return;
    throw e;
  }
}

function demuxToString(buf: Buffer): string {
  // Docker multiplexed log frames: 8-byte header (stream, 0,0,0, size BE32) then payload.
  const parts: Buffer[] = [];
  let i = 0;
  while (i + 8 <= buf.length) {
    const size = buf.readUInt32BE(i + 4);
    parts.push(buf.subarray(i + 8, i + 8 + size));
    i += 8 + size;
  }
  return parts.length ? Buffer.concat(parts).toString('utf8') : buf.toString('utf8');
}

export function engineError(e: unknown): BerthError {
  return new BerthError('internal', `Docker engine error: ${e instanceof Error ? e.message : String(e)}`);
}
