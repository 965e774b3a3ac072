// Who is stuck: a learner with STUCK_FAILURES or more failed runs of one exercise in the last
// STUCK_WINDOW_MS and no passing run of it in that window. One exercise per learner: the one failed last.
export const STUCK_WINDOW_MS = 10 * 60_000;
export const STUCK_FAILURES = 3;

export interface StuckRun {
  userId: string;
  exerciseId: string;
  passed: boolean;
  createdAt: Date;
}

/** Learner id → the exercise they are stuck on. */
export function stuckExercises(runs: readonly StuckRun[], now: Date): Map<string, string> {
  const since = now.getTime() - STUCK_WINDOW_MS;
  const tally = new Map<
    string,
    { userId: string; exerciseId: string; failed: number; passed: boolean; at: number }
  >();
  for (const r of runs) {
    if (r.createdAt.getTime() < since) continue;
    const key = `${r.userId} ${r.exerciseId}`;
    const t = tally.get(key) ?? {
      userId: r.userId,
      exerciseId: r.exerciseId,
      failed: 0,
      passed: false,
      at: 0,
    };
    if (r.passed) t.passed = true;
    else {
      t.failed += 1;
      t.at = Math.max(t.at, r.createdAt.getTime());
    }
    tally.set(key, t);
  }
  const stuck = new Map<string, { exerciseId: string; at: number }>();
  for (const t of tally.values()) {
    if (t.passed || t.failed < STUCK_FAILURES) continue;
    const prev = stuck.get(t.userId);
    if (!prev || t.at > prev.at) stuck.set(t.userId, { exerciseId: t.exerciseId, at: t.at });
  }
  return new Map([...stuck].map(([id, s]) => [id, s.exerciseId]));
}
