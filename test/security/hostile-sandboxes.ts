import fs from 'node:fs/promises';
import path from 'node:path';
import { sandboxCgroupParent } from '../../sandbox-agent/src/sandboxes/node-cgroups.ts';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// Two real sandboxes on the real sandbox engine: the attacker, where a hostile learner runs commands,
// and the victim, which must keep working. Limits are small so the exhaustion cases finish quickly.
export const LIMITS = { memoryMb: 512, cpus: 0.5, pids: 300 } as const;
export const DISK_MB = 768;

export interface Sandbox {
  id: string;
  container: string;
  ip: string;
}

export interface HostileSetup {
  h: AgentHarness;
  attacker: Sandbox;
  victim: Sandbox;
  // Runs a bash login script as root inside a sandbox node, like a learner at the terminal.
  sh(s: Sandbox, script: string, timeoutMs?: number): Promise<{ exitCode: number; output: string }>;
  // A cgroup v1 directory on the host: the sandbox's parent, or one node's own cgroup below it.
  cgroupDir(hierarchy: string, s: Sandbox, node?: boolean): string;
  readCgroup(hierarchy: string, s: Sandbox, file: string, node?: boolean): Promise<string>;
  cleanup(): Promise<void>;
}

export async function startHostileSandboxes(): Promise<HostileSetup> {
  const h = await startAgentHarness({ limits: { ...LIMITS }, diskMb: DISK_MB });
  const make = async (owner: string): Promise<Sandbox> => {
    const id = testSandboxId();
    await h.manager.create({ id, owner, nodes: ['node1'], expiresAt: new Date(Date.now() + 3600_000) });
    const container = h.manager.nodeContainer(id, 'node1');
    const nets = (await h.engine.inspectContainer(container))?.NetworkSettings.Networks ?? {};
    return { id, container, ip: Object.values(nets)[0]?.IPAddress ?? '' };
  };
  const [attacker, victim] = await Promise.all([make('attacker'), make('victim')]);
  const cgroupDir = (hierarchy: string, s: Sandbox, node = false) =>
    path.join(
      '/sys/fs/cgroup',
      hierarchy,
      sandboxCgroupParent(h.settings.cgroupParent, s.id),
      node ? s.container : '',
    );
  return {
    h,
    attacker,
    victim,
    sh: (s, script, timeoutMs = 60_000) => h.engine.exec(s.container, ['bash', '-lc', script], { timeoutMs }),
    cgroupDir,
    readCgroup: async (hierarchy, s, file, node = false) =>
      (await fs.readFile(path.join(cgroupDir(hierarchy, s, node), file), 'utf8')).trim(),
    cleanup: () => h.cleanup(),
  };
}

// The victim still runs its own containers: the attack left the rest of the machine working.
export async function assertVictimWorks(setup: HostileSetup): Promise<void> {
  const r = await setup.sh(setup.victim, 'docker run --rm busybox echo victim-ok', 30_000);
  if (!r.output.includes('victim-ok')) throw new Error(`the second sandbox stopped working: ${r.output}`);
}
