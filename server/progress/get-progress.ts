import type { ExerciseProgress, Progress } from '../../contract/public-api.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';

// Per exercise: passed once means passed; the latest check time and number of attempts.
export async function getProgress(user: SessionUser): Promise<Progress> {
  const runs = await db().checkRun.findMany({
    where: { userId: user.id },
    orderBy: { createdAt: 'asc' },
    select: { exerciseId: true, passed: true, createdAt: true },
  });
  const map = new Map<string, ExerciseProgress>();
  for (const r of runs) {
    const p = map.get(r.exerciseId) ?? {
      exerciseId: r.exerciseId,
      passed: false,
      attempts: 0,
      checkedAt: '',
    };
    p.passed ||= r.passed;
    p.attempts += 1;
    p.checkedAt = r.createdAt.toISOString();
    map.set(r.exerciseId, p);
  }
  return { exercises: [...map.values()] };
}
