'use client';
// Whether the broadcast banner is open: it opens for a broadcast newer than the last one the learner dismissed
// (remembered per classroom in this browser, so the next lesson page does not show it again), and on request.
import { useCallback, useState } from 'react';
import type { Broadcast } from '../../contract/classrooms';

function readSeen(key: string): string {
  try {
    return window.localStorage.getItem(key) ?? '';
  } catch {
    return '';
  }
}

export function useDismissedBroadcasts(
  classroomId: string,
  broadcasts: readonly Broadcast[],
): { open: boolean; dismiss: () => void; toggle: () => void } {
  const key = `berth.broadcasts-seen.${classroomId}`;
  const [seenAt, setSeenAt] = useState(() => readSeen(key));
  const [asked, setAsked] = useState(false);
  const latest = broadcasts[0];
  const open = latest !== undefined && (asked || latest.at > seenAt);
  const dismiss = useCallback(() => {
    setAsked(false);
    if (!latest) return;
    setSeenAt(latest.at);
    try {
      window.localStorage.setItem(key, latest.at);
    } catch {
      // Storage off: dismissed for this page only.
    }
  }, [key, latest]);
  const toggle = useCallback(() => (open ? dismiss() : setAsked(true)), [open, dismiss]);
  return { open, dismiss, toggle };
}
