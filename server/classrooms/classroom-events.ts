import type { Redis } from 'ioredis';
import { type ClassroomEvent, parseClassroomEvent } from '../../contract/classrooms.ts';
import { sharedRedis } from '../redis/shared-redis.ts';
import { processSingleton } from '../runtime/process-singleton.ts';

// A classroom's live events over Redis pub/sub, so an event published on one control-plane replica reaches
// the event streams (GET /api/classrooms/:id/events) held open on every replica. One publishing and one
// subscribed connection per process; each classroom's channel is subscribed while someone listens here.

type Listener = (event: ClassroomEvent) => void;

const channelOf = (classroomId: string) => `berth:classroom:${classroomId}:events`;
const CHANNEL = /^berth:classroom:(.+):events$/;

interface Hub {
  redis: Redis;
  listeners: Map<string, Set<Listener>>;
}

function hub(): Hub {
  return processSingleton('classroom-events-sub', () => {
    // A subscribed connection can do nothing else: its own, beside the shared one that publishes.
    const redis = sharedRedis().duplicate();
    const listeners = new Map<string, Set<Listener>>();
    redis.on('message', (channel: string, message: string) => {
      const id = CHANNEL.exec(channel)?.[1];
      const event = parseClassroomEvent(message);
      if (!id || !event) return;
      for (const l of listeners.get(id) ?? []) l(event);
    });
    return { redis, listeners };
  });
}

/**
 * Tells everyone following the classroom (its instructor, and learners for what concerns them). Called after
 * the database write it reports, and never rejects: the write stands if Redis is away (pages read the state
 * again when their stream reconnects), so a lost event is logged, not the caller's failure.
 */
export async function publishClassroomEvent(classroomId: string, event: ClassroomEvent): Promise<void> {
  try {
    await sharedRedis().publish(channelOf(classroomId), JSON.stringify(event));
  } catch (e) {
    console.error(`[classroom] ${event.type} event not published:`, e);
  }
}

/** Calls `listener` for each event of the classroom, from the moment this resolves; returns the unsubscribe. */
export async function subscribeClassroomEvents(classroomId: string, listener: Listener): Promise<() => void> {
  const { redis, listeners } = hub();
  const set = listeners.get(classroomId) ?? new Set<Listener>();
  listeners.set(classroomId, set);
  set.add(listener);
  try {
    // Resolves once Redis confirmed the subscription (again for each listener: it is idempotent and cheap).
    await redis.subscribe(channelOf(classroomId));
  } catch (e) {
    unsubscribe();
    throw e;
  }
  function unsubscribe(): void {
    set.delete(listener);
    if (set.size > 0 || listeners.get(classroomId) !== set) return;
    listeners.delete(classroomId);
    void redis.unsubscribe(channelOf(classroomId)).catch(() => {});
  }
  return unsubscribe;
}

export function closeClassroomEvents(): void {
  hub().redis.disconnect();
}
