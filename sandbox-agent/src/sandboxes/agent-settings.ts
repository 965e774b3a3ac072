import path from 'node:path';
import type { Config } from '../../../server/config.ts';
import { IMAGE_STORE_ROOT } from './image-store.ts';
import type { NodeLimits } from './node-spec.ts';

// What the agent needs from the one Berth config, in the agent's own terms.
export interface AgentSettings {
  agentId: string;
  nodeImage: string;
  sandboxesDir: string;
  limits: NodeLimits;
  diskMb: number;
  /** Host disk kept free beside all sandbox disks at their full size (see disk-room.ts). */
  diskReserveMb: number;
  maxSandboxes: number;
  replayBytes: number;
  cgroupParent: string;
  imageStoreRoot: string;
  mirrorPort: number;
  dnsPort: number;
}

export function agentSettings(c: Config): AgentSettings {
  return {
    agentId: c.BERTH_AGENT_ID,
    nodeImage: c.BERTH_NODE_IMAGE,
    sandboxesDir: path.join(c.BERTH_HOME, 'sandboxes'),
    limits: { memoryMb: c.BERTH_SANDBOX_MEMORY_MB, cpus: c.BERTH_SANDBOX_CPUS, pids: c.BERTH_SANDBOX_PIDS },
    diskMb: c.BERTH_SANDBOX_DISK_MB,
    diskReserveMb: c.BERTH_DISK_RESERVE_MB,
    maxSandboxes: c.BERTH_MAX_SANDBOXES,
    replayBytes: c.BERTH_REPLAY_BUFFER_BYTES,
    cgroupParent: 'berth',
    imageStoreRoot: IMAGE_STORE_ROOT,
    mirrorPort: c.BERTH_MIRROR_PORT,
    dnsPort: c.BERTH_SANDBOX_DNS_PORT,
  };
}
