'use client';
// Which exercises the signed-in learner has passed: fetched once per sign-in, updated by every check.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { berthApi } from '../api/berth-api';
import { useViewer } from './viewer-provider';

interface ProgressContextValue {
  /** undefined while unknown (signed out or still loading). */
  passed: ReadonlySet<string> | undefined;
  record: (exerciseId: string, passed: boolean) => void;
}

const ProgressContext = createContext<ProgressContextValue | null>(null);

export function ProgressProvider({ children }: { children: ReactNode }) {
  const { viewer } = useViewer();
  const userId = viewer.status === 'signed-in' ? viewer.user.id : undefined;
  const [passed, setPassed] = useState<ReadonlySet<string> | undefined>(undefined);

  useEffect(() => {
    setPassed(undefined);
    if (!userId) return;
    const ac = new AbortController();
    berthApi
      .progress(ac.signal)
      .then((p) => setPassed(new Set(p.exercises.filter((e) => e.passed).map((e) => e.exerciseId))))
      // Progress ticks are a nicety: without them the pages still work, so a failure stays quiet.
      .catch(() => {});
    return () => ac.abort();
  }, [userId]);

  const record = useCallback((exerciseId: string, ok: boolean) => {
    setPassed((prev) => {
      const next = new Set(prev);
      if (ok) next.add(exerciseId);
      return next;
    });
  }, []);

  const value = useMemo(() => ({ passed, record }), [passed, record]);
  return <ProgressContext.Provider value={value}>{children}</ProgressContext.Provider>;
}

export function useProgress(): ProgressContextValue {
  const ctx = useContext(ProgressContext);
  if (!ctx) throw new Error('useProgress needs <ProgressProvider> (app/layout.tsx)');
  return ctx;
}
