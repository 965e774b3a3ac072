'use client';
// One live region for every check of a lesson page, in the DOM before any result (so it is announced);
// exercise panels placed anywhere in the prose say their results through it.
import { createContext, type ReactNode, useCallback, useContext, useState } from 'react';
import a11y from '../ui/sr-only.module.css';

const AnnounceContext = createContext<(text: string) => void>(() => {});

export function CheckAnnouncer({ children }: { children: ReactNode }) {
  const [said, setSaid] = useState({ text: '', n: 0 });
  const announce = useCallback((text: string) => setSaid((s) => ({ text, n: s.n + 1 })), []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className={a11y.srOnly} role="status" aria-live="polite" data-testid="check-announcer">
        {/* Keyed by count: the same words twice (two failed checks in a row) are announced twice. */}
        <span key={said.n}>{said.text}</span>
      </div>
    </AnnounceContext.Provider>
  );
}

export const useAnnounce = () => useContext(AnnounceContext);
