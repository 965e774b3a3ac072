import { EventEmitter } from 'node:events';
import { db } from '../db/client.ts';
import { processSingleton } from '../runtime/process-singleton.ts';

// A sandbox's life as an explicit state machine; state changes only through transitionSandbox().
export const SANDBOX_STATES = ['starting', 'ready', 'stopping', 'stopped', 'failed'] as const;
export type SandboxState = (typeof SANDBOX_STATES)[number];
export const LIVE_STATES: SandboxState[] = ['starting', 'ready'];

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

export interface SandboxEvent {
  sandboxId: string;
  userId: string;
  from: SandboxState;
  to: SandboxState;
  reason?: string;
  at: Date;
}

// The UI and (later) the classroom view follow sandboxes through these events.
export const sandboxEvents = processSingleton(
  'sandbox-events',
  () => new EventEmitter<{ change: [SandboxEvent] }>(),
);

// Atomic: the update only applies if the row is still in a state the transition is allowed from.
export async function transitionSandbox(id: string, to: SandboxState, reason?: string): Promise<boolean> {
  const row = await db().sandbox.findUnique({ where: { id } });
  if (!row) return false;
  const from = row.state as SandboxState;
  if (!canTransition(from, to)) return false;
  const { count } = await db().sandbox.updateMany({
    where: { id, state: from },
    data: { state: to, ...(reason !== undefined ? { failureReason: reason } : {}) },
  });
  if (count === 1)
    sandboxEvents.emit('change', { sandboxId: id, userId: row.userId, from, to, reason, at: new Date() });
  return count === 1;
}
