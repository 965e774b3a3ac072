import { EventEmitter } from 'node:events';
import { processSingleton } from '../runtime/process-singleton.ts';

// Sandbox state changes made in this process (transitionSandbox), for waiters in the same process: a page
// waiting on GET …?waitMs hears "ready" the moment this process's worker records it. Changes made by
// another replica's worker are found by the waiter's own recheck (await-sandbox-start.ts).
const changes = () => processSingleton('sandbox-state-changes', () => new EventEmitter().setMaxListeners(0));

export function announceSandboxChange(id: string): void {
  changes().emit(id);
}

/** Resolves at the next change of sandbox `id` in this process, or after `ms`. */
export function nextSandboxChange(id: string, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      changes().off(id, done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    changes().once(id, done);
  });
}
