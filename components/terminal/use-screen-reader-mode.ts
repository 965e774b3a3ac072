'use client';
// The learner's choice of terminal screen-reader mode, remembered in this browser (localStorage) and shared
// by every terminal and tab of the page. Off by default: it costs time on every line of output.
import { useCallback, useSyncExternalStore } from 'react';

const KEY = 'berth.terminal.screenReaderMode';
const listeners = new Set<() => void>();

function read(): boolean {
  try {
    return window.localStorage.getItem(KEY) === 'on';
  } catch {
    return false; // storage blocked: the mode still works for this page, just not remembered
  }
}

let current: boolean | undefined;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key !== KEY) return;
    current = read();
    listener();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

function snapshot(): boolean {
  current ??= read();
  return current;
}

export function useScreenReaderMode(): [boolean, (on: boolean) => void] {
  const on = useSyncExternalStore(subscribe, snapshot, () => false);
  const set = useCallback((value: boolean) => {
    current = value;
    try {
      window.localStorage.setItem(KEY, value ? 'on' : 'off');
    } catch {
      // Not remembered, but on for now.
    }
    for (const l of listeners) l();
  }, []);
  return [on, set];
}
