import { createDbClient } from '../../server/db/client.ts';
import type { RunningBerth } from './berth-processes.ts';

// A passed check of `exerciseId` in a running Berth's database, for the learner of a session cookie, as
// the checks route records one: for pages that show progress without a sandbox doing the exercise.
export async function recordPassedCheck(berth: RunningBerth, session: string, exerciseId: string) {
  const res = await fetch(`${berth.baseUrl}/api/auth/me`, {
    headers: { cookie: `berth_session=${session}` },
  });
  const { user } = (await res.json()) as { user: { id: string } };
  const db = createDbClient(berth.env.DATABASE_URL!);
  try {
    await db.checkRun.create({ data: { userId: user.id, exerciseId, passed: true, tasks: '[]' } });
  } finally {
    await db.$disconnect();
  }
}
