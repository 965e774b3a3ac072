import type { SandboxState } from '../../contract/public-api.ts';
import { db } from '../db/client.ts';
import { announceSandboxChange } from './sandbox-state-changes.ts';

// A sandbox's life as an explicit state machine; state changes only through transitionSandbox().
export const LIVE_STATES: SandboxState[] = ['starting', 'ready'];
/** States in which a sandbox takes room on its agent: until the agent has removed it (stopped, failed). */
export const OCCUPYING_STATES: SandboxState[] = [...LIVE_STATES, 'stopping'];

const allowedFrom: Record<SandboxState, SandboxState[]> = {
  starting: [],
  ready: ['starting'],
  stopping: ['starting', 'ready', 'failed'],
  stopped: ['starting', 'ready', 'stopping', 'failed'],
  failed: ['starting', 'ready', 'stopping'],
};

export function canTransition(from: SandboxState, to: SandboxState): boolean {
  return allowedFrom[to].includes(from);
}

// Atomic: the update only applies if the row is still in a state the transition is allowed from.
export async function transitionSandbox(id: string, to: SandboxState, reason?: string): Promise<boolean> {
  const row = await db().sandbox.findUnique({ where: { id } });
  if (!row) return false;
  const from = row.state as SandboxState;
  if (!canTransition(from, to)) return false;
  const { count } = await db().sandbox.updateMany({
    where: { id, state: from },
    data: {
      state: to,
      // Leaving the live states frees the learner's one live slot (the unique liveUserId).
      ...(LIVE_STATES.includes(to) ? {} : { liveUserId: null }),
      ...(reason !== undefined ? { failureReason: reason } : {}),
    },
  });
  if (count === 1) announceSandboxChange(id);
  return count === 1;
}
