'use client';
// Forms on server-rendered pages are on screen before React takes them over (hydration). Until then a click
// on their button sends the bare HTML form (the page reloads and what was typed is gone), and what is typed
// into a field stays on screen but never reaches React's state. A slow classroom network makes that window
// seconds long. These two hooks close it: the button waits for React, and React takes the typed text over.
import { type RefObject, useLayoutEffect, useRef, useSyncExternalStore } from 'react';

const noChanges = () => () => {};

/** False on the server and while the page hydrates, true from then on (and at once on a client-side mount). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noChanges,
    () => true,
    () => false,
  );
}

/** A ref for a form: when React takes the form over, the text already in its fields named by `setters` (typed
 * before hydration) goes into their state. Runs in the commit that hydrates, before anything can render the
 * fields again with their (empty) state and wipe the text. */
export function useTypedBeforeHydration(
  setters: Record<string, (value: string) => void>,
): RefObject<HTMLFormElement | null> {
  const form = useRef<HTMLFormElement>(null);
  const latest = useRef(setters);
  latest.current = setters;
  useLayoutEffect(() => {
    const elements = form.current?.elements;
    if (!elements) return;
    for (const [name, set] of Object.entries(latest.current)) {
      const field = elements.namedItem(name);
      if ((field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) && field.value) {
        set(field.value);
      }
    }
  }, []);
  return form;
}
