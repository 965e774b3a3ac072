import { processSingleton } from '../runtime/process-singleton.ts';

// Placements in this process one at a time: the read of an agent's free room and the row that takes it
// happen together, so two starts at once never both take the last room. (Across replicas it stays
// optimistic: there the agent's own capacity check refuses the second, and that start fails.)
export function withPlacementLock<T>(place: () => Promise<T>): Promise<T> {
  const lock = processSingleton('placement-lock', () => ({ tail: Promise.resolve() as Promise<unknown> }));
  const run = lock.tail.then(place, place);
  lock.tail = run.catch(() => {});
  return run;
}
