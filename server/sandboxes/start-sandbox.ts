import { randomBytes } from 'node:crypto';
import { BerthError, isBerthError } from '../../contract/errors.ts';
import type { SandboxOnLive } from '../../contract/public-api.ts';
import { placeableAgents } from '../agents/agent-registry.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { isUniqueViolation } from '../db/unique-violation.ts';
import { getLesson } from '../lessons/get-lesson.ts';
import { enqueueProvision, scheduleExpiry } from '../queues/sandbox-queue.ts';
import { learnerSandboxLimits } from './learner-sandbox-limits.ts';
import { withPlacementLock } from './placement-lock.ts';
import { LIVE_STATES, OCCUPYING_STATES } from './sandbox-state.ts';
import { type SandboxView, toSandboxView } from './sandbox-view.ts';
import { hitStartLimits } from './start-limits.ts';
import { stopSandbox } from './stop-sandbox.ts';
import { claimWarmSandbox, POOL_USER_ID } from './warm-pool.ts';

export function newSandboxId(): string {
  // lowercase base32-ish: safe in container names, labels, URLs and interface-name hashes
  return `sbx_${randomBytes(12).toString('hex')}`;
}

export type StartOutcome =
  | { sandbox: SandboxView; created: boolean; conflict?: undefined }
  /** `ask` (or `keep` without the nodes) met a live sandbox of another lesson: nothing was changed. */
  | { conflict: { sandbox: SandboxView; reusable: boolean } };

// One live sandbox per user: returns the existing one when it fits the lesson, else starts a new one.
// `onLive` (contract/public-api.ts) lets a page ask before a sandbox of another lesson is replaced.
// `address` (the client's): a real start counts against the per-address and per-learner limits.
export async function startSandbox(
  user: SessionUser,
  lessonId: string,
  onLive?: SandboxOnLive,
  address?: string,
): Promise<StartOutcome> {
  const lesson = await getLesson(lessonId, 'en');
  if (!lesson) throw new BerthError('not_found', `No lesson "${lessonId}".`);
  const wanted = lesson.nodes;

  const live = await liveSandboxOf(user.id);
  if (live) {
    const nodes: string[] = JSON.parse(live.nodes);
    const reusable = wanted.every((n) => nodes.includes(n));
    const sameLesson = live.lessonId === lessonId;
    if (sameLesson || onLive === undefined) {
      if (sameLesson || reusable) return { sandbox: toSandboxView(live), created: false };
    } else if (onLive === 'ask' || (onLive === 'keep' && !reusable)) {
      return { conflict: { sandbox: toSandboxView(live), reusable } };
    } else if (onLive === 'keep') {
      // Kept for this lesson: the next visit here finds it without asking again.
      const kept = await db().sandbox.update({ where: { id: live.id }, data: { lessonId } });
      return { sandbox: toSandboxView(kept), created: false };
    }
  }
  // Counted before the old sandbox is stopped, so a refused start leaves the learner's sandbox alone.
  await hitStartLimits(user, address);
  if (live) await stopSandbox(live.id, 'replaced by a sandbox for another lesson');

  try {
    const limits = await learnerSandboxLimits(user.id, lessonId);
    const warm = await claimWarmSandbox(user.id, lessonId, wanted, limits);
    if (warm) return { sandbox: warm, created: true };
    const row = await createSandboxRow({ userId: user.id, lessonId, nodes: wanted, ttlMs: limits.ttlMs });
    return { sandbox: toSandboxView(row), created: true };
  } catch (e) {
    // Two starts at once (a double click, two tabs, two replicas): the unique index on liveUserId let
    // exactly one of them make a live sandbox — or the placement lock let it take the last room, and the
    // other found the host full; either way the other answers with that one.
    if (!isUniqueViolation(e) && !(isBerthError(e) && e.code === 'out_of_capacity')) throw e;
    const winner = await liveSandboxOf(user.id);
    if (!winner) throw e;
    return { sandbox: toSandboxView(winner), created: false };
  }
}

function liveSandboxOf(userId: string) {
  return db().sandbox.findFirst({
    where: { userId, state: { in: LIVE_STATES } },
    orderBy: { createdAt: 'desc' },
  });
}

// A new row in state "starting", its expiry job and its provisioning job (placed by capacity).
export async function createSandboxRow(input: {
  userId: string;
  lessonId: string;
  nodes: readonly string[];
  ttlMs: number;
  /** A pool sandbox held for this classroom's learners (classroom-prewarm.ts). */
  prewarmClassroomId?: string;
}) {
  const id = newSandboxId();
  const expiresAt = new Date(Date.now() + input.ttlMs);
  const row = await withPlacementLock(async () => {
    const agent = await placeSandbox();
    return db().sandbox.create({
      data: {
        id,
        userId: input.userId,
        lessonId: input.lessonId,
        agentId: agent.id,
        state: 'starting',
        nodes: JSON.stringify(input.nodes),
        expiresAt,
        // Pool sandboxes belong to nobody yet; a claim sets it (warm-pool.ts).
        liveUserId: input.userId === POOL_USER_ID ? null : input.userId,
        prewarmClassroomId: input.prewarmClassroomId ?? null,
      },
    });
  });
  await scheduleExpiry(id, expiresAt);
  await enqueueProvision(id);
  return row;
}

// Placement by capacity: the live, non-draining agent with the most free room. Used = the sandboxes the
// database holds on the agent that still occupy it (starting, ready, stopping) — not the agent's last
// heartbeat, which can predate a stop that already freed its room (a learner who stops a sandbox and
// starts another must not meet a 503) and which every control-plane replica reads alike anyway.
// Admission control answers 503 instead of queueing forever.
export async function placeSandbox() {
  const agents = await placeableAgents();
  const counts = await db().sandbox.groupBy({
    by: ['agentId'],
    where: { agentId: { in: agents.map((a) => a.id) }, state: { in: OCCUPYING_STATES } },
    _count: { _all: true },
  });
  const used = (agentId: string) => counts.find((c) => c.agentId === agentId)?._count._all ?? 0;
  const ranked = agents
    .map((a) => ({ agent: a, free: a.capacity - used(a.id) }))
    .filter((r) => r.free > 0)
    .sort((x, y) => y.free - x.free || x.agent.id.localeCompare(y.agent.id));
  const best = ranked[0];
  if (!best) {
    throw new BerthError(
      'out_of_capacity',
      'All sandbox hosts are full right now. Please try again in a minute.',
    );
  }
  return best.agent;
}
