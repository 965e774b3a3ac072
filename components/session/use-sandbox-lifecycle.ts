'use client';
// The learner's sandbox as seen from a lesson page: reserve it (POST), poll while it starts, and end in
// exactly one visible state, never a spinner forever. The server's state machine is the truth; this mirrors it.
import { useCallback, useEffect, useRef, useState } from 'react';
import { type Sandbox, type SandboxOnLive, sandboxConflictSchema } from '../../contract/public-api';
import { berthApi, isApiError } from '../api/berth-api';
import { sleep } from '../ui/sleep';
import { rememberStoppedByLearner, wasStoppedByLearner } from './stopped-by-learner';

export type SandboxPhase =
  /** No signed-in learner yet. */
  | { kind: 'waiting' }
  /** The learner stopped their sandbox earlier: nothing starts until they press Start. */
  | { kind: 'idle' }
  /** A live sandbox of another lesson exists: keep it (when `reusable`: it has this lesson's nodes) or
   * start fresh, which stops it. Nothing happens until the learner answers. */
  | { kind: 'conflict'; live: Sandbox; reusable: boolean }
  /** `reset`: the learner asked for a fresh sandbox in place of the one they had. */
  | { kind: 'reserving'; since: number; reset?: boolean }
  | { kind: 'starting'; since: number; sandbox: Sandbox; reset?: boolean }
  | { kind: 'ready'; sandbox: Sandbox }
  | { kind: 'stopping'; sandbox: Sandbox; reset?: boolean }
  | { kind: 'capacity'; message: string }
  | { kind: 'failed'; message: string; sandboxId?: string }
  | { kind: 'timed-out'; sandboxId: string }
  | { kind: 'unreachable'; message: string }
  /** Stopped, expired, deleted or failed; `sandbox` is the one that went away, whose terminals stay on
   * screen; `reason` is the server's failure reason when it failed (e.g. its host stopped responding). */
  | { kind: 'gone'; byUser: boolean; sandbox?: Sandbox; reason?: string };

/** Give up polling after this long and offer Retry. */
export const START_TIMEOUT_MS = 180_000;
/** How long one status request may wait on the server for the sandbox to become ready. */
const WAIT_FOR_READY_MS = 10_000;
/** After this long, say that it is slower than usual. */
export const SLOW_START_MS = 45_000;

export function useSandboxLifecycle(
  lessonId: string,
  userId: string | undefined,
  onUnauthorized: () => void,
) {
  const [phase, setPhase] = useState<SandboxPhase>({ kind: 'waiting' });
  const run = useRef<AbortController | null>(null);
  const unauthorized = useRef(onUnauthorized);
  unauthorized.current = onUnauthorized;

  const launch = useCallback(
    async (onLive: SandboxOnLive, replaceId?: string, reset = false) => {
      run.current?.abort();
      const ac = new AbortController();
      run.current = ac;
      const since = Date.now();
      setPhase({ kind: 'reserving', since, reset });
      try {
        // A failed sandbox may still count as the learner's one sandbox: clear it before asking again.
        if (replaceId) await berthApi.deleteSandbox(replaceId).catch(() => undefined);
        let sandbox = await berthApi.createSandbox(lessonId, onLive, ac.signal);
        while (!ac.signal.aborted) {
          switch (sandbox.state) {
            case 'ready':
              setPhase({ kind: 'ready', sandbox });
              return;
            case 'failed':
              setPhase({ kind: 'failed', message: sandbox.failureReason ?? '', sandboxId: sandbox.id });
              return;
            case 'stopping':
            case 'stopped':
              setPhase({ kind: 'gone', byUser: false });
              return;
            case 'starting':
              setPhase({ kind: 'starting', since, sandbox, reset });
          }
          const waited = Date.now() - since;
          if (waited > START_TIMEOUT_MS) {
            setPhase({ kind: 'timed-out', sandboxId: sandbox.id });
            return;
          }
          // The server holds the request until the sandbox is ready (or 10 s pass): "ready" shows at once.
          const asked = Date.now();
          try {
            sandbox = await berthApi.getSandbox(sandbox.id, ac.signal, WAIT_FOR_READY_MS);
            // An answer that came back at once while still starting (a server that does not wait): pace it.
            if (sandbox.state === 'starting' && Date.now() - asked < 500) await sleep(1000, ac.signal);
          } catch (e) {
            if (isApiError(e) && e.status === 404) {
              setPhase({ kind: 'gone', byUser: false });
              return;
            }
            if (isApiError(e) && e.status === 401) throw e;
            // A blip while polling: keep the last known state and ask again (the timeout still applies).
            await sleep(1000, ac.signal);
          }
        }
      } catch (e) {
        if (ac.signal.aborted) return;
        const conflict =
          isApiError(e) && e.status === 409 ? sandboxConflictSchema.safeParse(e.body) : undefined;
        if (conflict?.success) {
          setPhase({ kind: 'conflict', live: conflict.data.sandbox, reusable: conflict.data.reusable });
        } else if (isApiError(e)) {
          if (e.code === 'out_of_capacity' || e.status === 503)
            setPhase({ kind: 'capacity', message: e.message });
          else if (e.status === 401) {
            setPhase({ kind: 'waiting' });
            unauthorized.current();
          } else if (e.code === 'network' || e.status === 0)
            setPhase({ kind: 'unreachable', message: e.message });
          else setPhase({ kind: 'failed', message: e.message });
        } else {
          setPhase({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
        }
      }
    },
    [lessonId],
  );

  useEffect(() => {
    if (!userId) {
      setPhase({ kind: 'waiting' });
      return;
    }
    if (wasStoppedByLearner()) setPhase({ kind: 'idle' });
    else void launch('ask');
    return () => run.current?.abort();
  }, [userId, launch]);

  const phaseRef = useRef(phase);
  phaseRef.current = phase;

  /** Asked by terminals before reconnecting: is the sandbox still there? Moves the page to `gone` if not. */
  const isSandboxAlive = useCallback(async (): Promise<boolean> => {
    const current = phaseRef.current;
    if (current.kind !== 'ready') return current.kind === 'starting';
    let reason: string | undefined;
    try {
      const fresh = await berthApi.getSandbox(current.sandbox.id);
      if (fresh.state === 'ready' || fresh.state === 'starting') return true;
      if (fresh.state === 'failed') reason = fresh.failureReason ?? undefined;
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        // The session ended (expired or signed out elsewhere): back to the sign-in form.
        setPhase({ kind: 'waiting' });
        unauthorized.current();
        return false;
      }
      if (!isApiError(e) || e.status !== 404) throw e;
    }
    setPhase((p) => (p.kind === 'ready' ? { kind: 'gone', byUser: false, sandbox: p.sandbox, reason } : p));
    return false;
  }, []);

  /** A terminal learned first-hand (error frame) that the sandbox is gone; ask the server why. */
  const markGone = useCallback(() => {
    const current = phaseRef.current;
    setPhase((p) => (p.kind === 'ready' ? { kind: 'gone', byUser: false, sandbox: p.sandbox } : p));
    if (current.kind !== 'ready') return;
    const id = current.sandbox.id;
    berthApi.getSandbox(id).then(
      (fresh) => {
        if (fresh.state !== 'failed' || !fresh.failureReason) return;
        const reason = fresh.failureReason;
        setPhase((p) => (p.kind === 'gone' && p.sandbox?.id === id ? { ...p, reason } : p));
      },
      () => undefined,
    );
  }, []);

  // DELETE the sandbox (already gone counts as done); on any other error the page shows it ready again.
  const deleteOrRestore = useCallback(async (sandbox: Sandbox) => {
    try {
      await berthApi.deleteSandbox(sandbox.id);
    } catch (e) {
      if (!isApiError(e) || e.status !== 404) {
        setPhase({ kind: 'ready', sandbox });
        throw e;
      }
    }
  }, []);

  const stop = useCallback(async () => {
    const current = phaseRef.current;
    if (current.kind !== 'ready') return;
    run.current?.abort();
    setPhase({ kind: 'stopping', sandbox: current.sandbox });
    await deleteOrRestore(current.sandbox);
    rememberStoppedByLearner(true);
    setPhase({ kind: 'gone', byUser: true, sandbox: current.sandbox });
  }, [deleteOrRestore]);

  /** Replaces the sandbox with a fresh one: DELETE, then the usual start (POST, poll) with its progress. */
  const reset = useCallback(async () => {
    const current = phaseRef.current;
    if (current.kind !== 'ready') return;
    run.current?.abort();
    setPhase({ kind: 'stopping', sandbox: current.sandbox, reset: true });
    await deleteOrRestore(current.sandbox);
    void launch('ask', undefined, true);
  }, [launch, deleteOrRestore]);

  /** Start (again) because the learner asked: after a failure, a stop, or from the idle card. */
  const retry = useCallback(() => {
    const current = phaseRef.current;
    const replace = current.kind === 'failed' || current.kind === 'timed-out' ? current.sandboxId : undefined;
    rememberStoppedByLearner(false);
    void launch('ask', replace);
  }, [launch]);

  /** The answer to a conflict: keep the live sandbox for this lesson, or stop it and start fresh. */
  const resolveConflict = useCallback(
    (answer: 'keep' | 'replace') => {
      rememberStoppedByLearner(false);
      void launch(answer);
    },
    [launch],
  );

  return { phase, retry, stop, reset, markGone, isSandboxAlive, resolveConflict };
}
