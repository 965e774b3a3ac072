import { listAgents, placeableAgents } from '../agents/agent-registry.ts';
import { config } from '../config.ts';
import { db } from '../db/client.ts';
import { enqueueRefill, scheduleExpiry } from '../queues/sandbox-queue.ts';
import { type SandboxView, toSandboxView } from './sandbox-view.ts';
import { stopSandbox } from './stop-sandbox.ts';

// Warm pool: ready single-node sandboxes owned by a system user, handed to a learner by changing the
// row's owner — a prompt in well under a second instead of a cold start.
//
// Expiry: a pool sandbox is recycled at BERTH_WARM_POOL_MAX_AGE_MINUTES, and the agent's own safety
// reaper is told TTL + max age, so a claim (which restarts the TTL) always ends before the agent's limit.

export const POOL_USER_ID = 'berth-warm-pool';
export const POOL_LESSON_ID = 'warm-pool';
const POOL_NODES = ['node1'];
const REFILL_AFTER_CLAIM_MS = 2000;

export async function ensurePoolUser(): Promise<void> {
  await db().user.upsert({
    where: { id: POOL_USER_ID },
    create: { id: POOL_USER_ID, name: 'warm pool', role: 'system' },
    update: {},
  });
}

// A learner's start takes a warm sandbox when one fits: first one pre-warmed for their classroom (when the
// lesson is one of the class's, see classroom-prewarm.ts), else one of the general pool's.
export async function claimWarmSandbox(
  userId: string,
  lessonId: string,
  nodes: readonly string[],
  opts: { ttlMs: number; classroomId?: string },
): Promise<SandboxView | undefined> {
  if (opts.classroomId) {
    const claimed = await claimFrom(
      { prewarmClassroomId: opts.classroomId },
      userId,
      lessonId,
      nodes,
      opts.ttlMs,
    );
    if (claimed) return claimed;
  }
  if (config().BERTH_WARM_POOL_SIZE === 0) return undefined;
  if (nodes.length !== POOL_NODES.length || nodes.some((n, i) => n !== POOL_NODES[i])) return undefined;
  const claimed = await claimFrom({ prewarmClassroomId: null }, userId, lessonId, nodes, opts.ttlMs);
  // After a claim, the refill's cold start waits until the learner has their prompt (measured: it
  // otherwise doubles a warm claim's time to the prompt on 2 busy cores).
  await enqueueRefill({ delayMs: claimed ? REFILL_AFTER_CLAIM_MS : 0 });
  return claimed;
}

// The oldest ready pool sandbox of `which` whose nodes cover `nodes`, moved to the learner.
async function claimFrom(
  which: { prewarmClassroomId: string | null },
  userId: string,
  lessonId: string,
  nodes: readonly string[],
  ttlMs: number,
): Promise<SandboxView | undefined> {
  // Only from hosts that take new sandboxes: a draining host is emptying out.
  const hosts = (await placeableAgents()).map((a) => a.id);
  const candidates = (
    await db().sandbox.findMany({
      where: { userId: POOL_USER_ID, state: 'ready', agentId: { in: hosts }, ...which },
      orderBy: { createdAt: 'asc' },
      take: 5,
    })
  ).filter((c) => {
    const has: string[] = JSON.parse(c.nodes);
    return nodes.every((n) => has.includes(n));
  });
  const expiresAt = new Date(Date.now() + ttlMs);
  for (const c of candidates) {
    // Atomic hand-over: only one learner can move a pool row to themselves.
    const { count } = await db().sandbox.updateMany({
      where: { id: c.id, userId: POOL_USER_ID, state: 'ready' },
      data: { userId, liveUserId: userId, lessonId, expiresAt, lastActiveAt: new Date() },
    });
    if (count !== 1) continue;
    await scheduleExpiry(c.id, expiresAt, { replace: true });
    const row = await db().sandbox.findUniqueOrThrow({ where: { id: c.id } });
    return toSandboxView(row);
  }
  return undefined;
}

// Keeps BERTH_WARM_POOL_SIZE pool sandboxes starting or ready, and recycles old ones and those on
// draining hosts (nobody would claim them there).
export async function refillWarmPool(): Promise<{ started: number; recycled: number }> {
  const c = config();
  const maxAgeMs = c.BERTH_WARM_POOL_MAX_AGE_MINUTES * 60_000;
  const pool = await db().sandbox.findMany({
    where: { userId: POOL_USER_ID, state: { in: ['starting', 'ready'] }, prewarmClassroomId: null },
  });
  const draining = new Set((await listAgents()).filter((a) => a.draining).map((a) => a.id));
  let recycled = 0;
  for (const s of pool) {
    const old = Date.now() - s.createdAt.getTime() > maxAgeMs;
    if (s.state === 'ready' && (old || draining.has(s.agentId))) {
      await stopSandbox(s.id, 'recycled from the warm pool').catch(() => {});
      recycled++;
    }
  }
  const live = pool.length - recycled;
  let started = 0;
  if (live < c.BERTH_WARM_POOL_SIZE) await ensurePoolUser();
  const { createSandboxRow } = await import('./start-sandbox.ts');
  for (let i = live; i < c.BERTH_WARM_POOL_SIZE; i++) {
    try {
      await createSandboxRow({
        userId: POOL_USER_ID,
        lessonId: POOL_LESSON_ID,
        nodes: POOL_NODES,
        ttlMs: c.BERTH_SANDBOX_TTL_MINUTES * 60_000 + maxAgeMs,
      });
      started++;
    } catch {
      break; // out of capacity: learners' own sandboxes come first
    }
  }
  return { started, recycled };
}
