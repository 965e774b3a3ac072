import type { PrewarmStatus } from '../../contract/classrooms.ts';
import { isBerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';
import { type Classroom, db } from '../db/client.ts';
import { loadCourse } from '../lessons/load-course.ts';
import { enqueuePrewarm } from '../queues/sandbox-queue.ts';
import { stopSandbox } from './stop-sandbox.ts';
import { ensurePoolUser, POOL_LESSON_ID, POOL_USER_ID } from './warm-pool.ts';

// Pre-warm for a class: the instructor asks for N sandboxes ahead of time (POST /api/classrooms/:id/prewarm);
// the warm pool starts them for that classroom only — with every node any of its lessons needs, so each
// fits every lesson of the class — and holds them until its learners claim them (warm-pool.ts
// claimWarmSandbox) or BERTH_PREWARM_HOLD_MINUTES pass. Claims count against N: the pool does not start
// more for a learner who took one. N = 0, or archiving the classroom, releases the ones still held.

const HELD_STATES = ['starting', 'ready'];

export async function prewarmStatus(classroom: Classroom): Promise<PrewarmStatus> {
  const held = await db().sandbox.groupBy({
    by: ['state'],
    where: { prewarmClassroomId: classroom.id, userId: POOL_USER_ID, state: { in: HELD_STATES } },
    _count: { _all: true },
  });
  const count = (state: string) => held.find((h) => h.state === state)?._count._all ?? 0;
  return {
    requested: classroom.prewarmCount,
    ready: count('ready'),
    starting: count('starting'),
    claimed: await claimedSince(classroom),
  };
}

// Learners' claims of this request: sandboxes started for the classroom since it was made that now belong
// to someone (whatever state they are in now).
function claimedSince(classroom: Classroom): Promise<number> {
  if (!classroom.prewarmAt) return Promise.resolve(0);
  return db().sandbox.count({
    where: {
      prewarmClassroomId: classroom.id,
      userId: { not: POOL_USER_ID },
      createdAt: { gte: classroom.prewarmAt },
    },
  });
}

// The refill for one classroom (its own queue job, so never two at once): recycle what was held too long,
// stop what is no longer wanted, start what is missing while the hosts have room. Runs again if the
// instructor changed the request meanwhile, so a change is never left for the next scheduler tick.
export async function refillClassroomPrewarm(classroomId: string): Promise<void> {
  for (let round = 0; round < 3; round++) {
    const classroom = await db().classroom.findUnique({ where: { id: classroomId } });
    if (!classroom) return;
    await refillOnce(classroom);
    const now = await db().classroom.findUnique({ where: { id: classroomId } });
    if (
      now?.prewarmAt?.getTime() === classroom.prewarmAt?.getTime() &&
      now?.prewarmCount === classroom.prewarmCount
    )
      return;
  }
}

async function refillOnce(classroom: Classroom): Promise<void> {
  const c = config();
  const holdMs = c.BERTH_PREWARM_HOLD_MINUTES * 60_000;
  const held = await db().sandbox.findMany({
    where: { prewarmClassroomId: classroom.id, userId: POOL_USER_ID, state: { in: HELD_STATES } },
    orderBy: { createdAt: 'asc' },
  });
  const expired = held.filter((s) => Date.now() - s.createdAt.getTime() > holdMs);
  const kept = held.filter((s) => !expired.includes(s));
  const wanted = classroom.archivedAt
    ? 0
    : Math.max(0, classroom.prewarmCount - (await claimedSince(classroom)));
  // Fewer wanted: release the newest first (the oldest are the likeliest to be ready).
  const surplus = kept.slice(wanted);
  for (const s of [...expired, ...surplus])
    await stopSandbox(s.id, expired.includes(s) ? 'pre-warmed, never claimed' : 'pre-warm released').catch(
      () => {},
    );
  const missing = wanted - Math.min(wanted, kept.length);
  if (missing === 0) return;
  await ensurePoolUser();
  const nodes = await classNodes(JSON.parse(classroom.lessonIds));
  const { createSandboxRow } = await import('./start-sandbox.ts');
  for (let i = 0; i < missing; i++) {
    try {
      await createSandboxRow({
        userId: POOL_USER_ID,
        lessonId: POOL_LESSON_ID,
        nodes,
        // The agent's own reaper must not end it before a claim made at the end of the hold has run its time.
        ttlMs: holdMs + c.BERTH_SANDBOX_TTL_MINUTES * 60_000,
        prewarmClassroomId: classroom.id,
      });
    } catch (e) {
      // Out of capacity: the learners' own starts come first; the scheduler's next round tries again.
      if (isBerthError(e) && e.code === 'out_of_capacity') return;
      throw e;
    }
  }
}

// Every node any of the class's lessons needs, in order (node1, node2, …).
async function classNodes(lessonIds: string[]): Promise<string[]> {
  const course = await loadCourse();
  const nodes = new Set<string>();
  for (const id of lessonIds) for (const n of course.lessons.get(id)?.nodes ?? ['node1']) nodes.add(n);
  return [...nodes].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

// From the warm pool's scheduler tick: every classroom with a pre-warm asked for or still held gets its own
// refill job (recycling by age, starting what capacity refused earlier).
export async function enqueueClassroomPrewarms(): Promise<void> {
  const asked = await db().classroom.findMany({ where: { prewarmCount: { gt: 0 } }, select: { id: true } });
  const holding = await db().sandbox.findMany({
    where: { userId: POOL_USER_ID, prewarmClassroomId: { not: null }, state: { in: HELD_STATES } },
    select: { prewarmClassroomId: true },
    distinct: ['prewarmClassroomId'],
  });
  const ids = new Set([...asked.map((c) => c.id), ...holding.map((s) => s.prewarmClassroomId!)]);
  for (const id of ids) await enqueuePrewarm(id);
}
