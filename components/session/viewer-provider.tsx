'use client';
// Who the learner is, shared by every client component of a page: signed in (guest or account), signed
// out, or not known yet. Kept in the root layout so it survives client-side navigation.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { User } from '../../contract/public-api';
import { berthApi, isApiError } from '../api/berth-api';

export type ViewerState =
  | { status: 'loading' }
  | { status: 'signed-out' }
  | { status: 'signed-in'; user: User }
  | { status: 'unreachable'; message: string };

interface ViewerContextValue {
  viewer: ViewerState;
  /** Ask the server again (after a failure, or when a call answered 401). */
  refresh: () => void;
  /** Start a guest session; throws ApiError on failure so the form can show it. */
  signInAsGuest: (name: string) => Promise<void>;
}

const ViewerContext = createContext<ViewerContextValue | null>(null);

function initialState(initial: User | null | undefined): ViewerState {
  if (initial === undefined) return { status: 'loading' };
  return initial ? { status: 'signed-in', user: initial } : { status: 'signed-out' };
}

export function ViewerProvider({
  initialUser,
  children,
}: {
  /** From the server when it knows; undefined = ask /api/auth/me from the browser. */
  initialUser: User | null | undefined;
  children: ReactNode;
}) {
  const [viewer, setViewer] = useState<ViewerState>(() => initialState(initialUser));
  const [generation, setGeneration] = useState(initialUser === undefined ? 1 : 0);

  useEffect(() => {
    if (generation === 0) return;
    const ac = new AbortController();
    berthApi
      .me(ac.signal)
      .then(({ user }) => setViewer({ status: 'signed-in', user }))
      .catch((e: unknown) => {
        if (ac.signal.aborted) return;
        if (isApiError(e) && e.status === 401) setViewer({ status: 'signed-out' });
        else setViewer({ status: 'unreachable', message: isApiError(e) ? e.message : String(e) });
      });
    return () => ac.abort();
  }, [generation]);

  const refresh = useCallback(() => {
    setViewer({ status: 'loading' });
    setGeneration((g) => g + 1);
  }, []);

  const signInAsGuest = useCallback(async (name: string) => {
    const { user } = await berthApi.signInAsGuest(name);
    setViewer({ status: 'signed-in', user });
  }, []);

  const value = useMemo(() => ({ viewer, refresh, signInAsGuest }), [viewer, refresh, signInAsGuest]);
  return <ViewerContext.Provider value={value}>{children}</ViewerContext.Provider>;
}

export function useViewer(): ViewerContextValue {
  const ctx = useContext(ViewerContext);
  if (!ctx) throw new Error('useViewer needs <ViewerProvider> (app/layout.tsx)');
  return ctx;
}
