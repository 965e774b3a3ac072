import type { LearnerLive } from '../../contract/classrooms.ts';
import { db } from '../db/client.ts';
import { type StuckRun, stuckExercises } from './stuck-exercises.ts';

// The live fields of each learner in the progress JSON: when they last did something (terminal input, which
// the gateway records every 30 s, or a check), idle (a live sandbox but nothing for 5 minutes), stuck (≥ 3
// failed attempts at one exercise and no pass of it in the last 10 minutes), a raised hand, the live sandbox.
export const IDLE_AFTER_MS = 5 * 60_000;

export async function learnersLive(
  learnerIds: string[],
  runs: readonly StuckRun[],
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
