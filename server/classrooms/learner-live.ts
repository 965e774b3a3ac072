import type { LearnerLive } from '../../contract/classrooms.ts';
import { db } from '../db/client.ts';

// The live fields of each learner in the progress JSON: when they last did something (terminal input, which
// the gateway records every 30 s, or a check), idle (a live sandbox but nothing for 5 minutes), stuck (≥ 3
// failed attempts at one exercise and no pass of it in the last 10 minutes), a raised hand, the live sandbox.
export const IDLE_AFTER_MS = 5 * 60_000;
export const STUCK_WINDOW_MS = 10 * 60_000;
export const STUCK_FAILURES = 3;

interface Run {
  userId: string;
  exerciseId: string;
  passed: boolean;
  createdAt: Date;
}

export async function learnersLive(
  learnerIds: string[],
  runs: readonly Run[],
  now = new Date(),
): Promise<Map<string, LearnerLive>> {
  const [lastCheck, lastTerminal, live, hands] = await Promise.all([
    db().checkRun.groupBy({
      by: ['userId'],
      where: { userId: { in: learnerIds } },
      _max: { createdAt: true },
    }),
    db().sandbox.groupBy({
      by: ['userId'],
      where: { userId: { in: learnerIds } },
      _max: { lastActiveAt: true },
    }),
    db().sandbox.findMany({
      where: { liveUserId: { in: learnerIds } },
      select: { id: true, liveUserId: true },
    }),
    db().raisedHand.findMany({ where: { learnerId: { in: learnerIds } }, select: { learnerId: true } }),
  ]);
  const latest = new Map<string, number>();
  const seen = (id: string, at: Date | null | undefined) => {
    if (at && at.getTime() > (latest.get(id) ?? 0)) latest.set(id, at.getTime());
  };
  for (const c of lastCheck) seen(c.userId, c._max.createdAt);
  for (const t of lastTerminal) seen(t.userId, t._max.lastActiveAt);
  const sandboxOf = new Map(live.map((s) => [s.liveUserId, s.id]));
  const raised = new Set(hands.map((h) => h.learnerId));
  const stuck = stuckExercises(runs, now);
  return new Map(
    learnerIds.map((id) => {
      const last = latest.get(id);
      const sandboxId = sandboxOf.get(id) ?? null;
      return [
        id,
        {
          lastActiveAt: last === undefined ? null : new Date(last).toISOString(),
          idle: sandboxId !== null && (last === undefined || now.getTime() - last >= IDLE_AFTER_MS),
          stuck: stuck.get(id) ?? null,
          handRaised: raised.has(id),
          sandboxId,
        },
      ];
    }),
  );
}

/** Per learner, the exercise they are stuck on (the most recently failed one, if several). */
function stuckExercises(runs: readonly Run[], now: Date): Map<string, string> {
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
