import type { AgentConfig } from '../config.ts';
import { ENGINE_CGROUP_BASE } from './node-cgroups.ts';
import type { NodeLimits } from './node-spec.ts';

// What the sandbox manager needs from the agent's config (config.ts), in its own terms.
export interface AgentSettings {
  agentId: string;
  nodeImage: string;
  sandboxesDir: string;
  limits: NodeLimits;
  diskMb: number;
  /** What a sandbox is expected to write at most: its share of host disk at admission (disk-room.ts). */
  diskExpectedMb: number;
  /** Host disk kept free beside what the live sandboxes are expected to write (disk-room.ts). */
  diskReserveMb: number;
  maxSandboxes: number;
  replayBytes: number;
  cgroupParent: string;
  imageStoreRoot: string;
  mirrorPort: number;
  dnsPort: number;
  aptPort: number;
}

export function agentSettings(c: AgentConfig): AgentSettings {
  return {
    agentId: c.BERTH_AGENT_ID,
    nodeImage: c.BERTH_NODE_IMAGE,
    sandboxesDir: c.sandboxesDir,
    limits: { memoryMb: c.BERTH_SANDBOX_MEMORY_MB, cpus: c.BERTH_SANDBOX_CPUS, pids: c.BERTH_SANDBOX_PIDS },
    diskMb: c.BERTH_SANDBOX_DISK_MB,
    diskExpectedMb: c.BERTH_SANDBOX_DISK_EXPECTED_MB,
    diskReserveMb: c.BERTH_DISK_RESERVE_MB,
    maxSandboxes: c.BERTH_MAX_SANDBOXES,
    replayBytes: c.BERTH_REPLAY_BUFFER_BYTES,
    cgroupParent: ENGINE_CGROUP_BASE,
    imageStoreRoot: c.BERTH_IMAGE_STORE_ROOT,
    mirrorPort: c.BERTH_MIRROR_PORT,
    dnsPort: c.BERTH_SANDBOX_DNS_PORT,
    aptPort: c.BERTH_APT_PORT,
  };
}
