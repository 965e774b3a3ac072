import { createHash } from 'node:crypto';
import { SANDBOX_BRIDGE_PREFIX } from '../network/sandbox-firewall.ts';

// Deterministic engine object names for a sandbox, so removal never needs state the agent may have lost.
export const networkName = (sandboxId: string) => `berth-${sandboxId}`;
export const containerName = (sandboxId: string, node: string) => `berth-${sandboxId}-${node}`;

// Linux interface names are at most 15 characters.
export function bridgeName(sandboxId: string): string {
  return SANDBOX_BRIDGE_PREFIX + createHash('sha256').update(sandboxId).digest('hex').slice(0, 11);
}
