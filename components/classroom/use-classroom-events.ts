'use client';
// The classroom's server-sent events (GET /api/classrooms/:id/events), validated, for as long as the page
// is open. The browser's EventSource reconnects by itself. Each time the stream opens `onResync` runs, so
// what happened while it was down — or between the page's render and the first connect, or since a page
// restored by Back was rendered — is fetched instead of lost.
import { useEffect, useRef, useState } from 'react';
import { type ClassroomEvent, type ClassroomEventType, parseClassroomEvent } from '../../contract/classrooms';

/** After an HTTP error, the next try; the browser retries dropped streams itself (every ~3 s). */
const RETRY_MS = 5_000;

export type StreamState = 'connecting' | 'live' | 'reconnecting';

const EVENT_TYPES: readonly ClassroomEventType[] = [
  'progress',
  'hand',
  'broadcast',
  'typing',
  'watch',
  'learner',
];

export function useClassroomEvents(
  classroomId: string,
  onEvent: (event: ClassroomEvent) => void,
  onResync: () => void,
): StreamState {
  const [state, setState] = useState<StreamState>('connecting');
  const latest = useRef({ onEvent, onResync });
  latest.current = { onEvent, onResync };

  useEffect(() => {
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const onMessage = (e: MessageEvent) => {
      const event = typeof e.data === 'string' ? parseClassroomEvent(e.data) : null;
      if (event) latest.current.onEvent(event);
    };
    const connect = () => {
      const s = new EventSource(`/api/classrooms/${encodeURIComponent(classroomId)}/events`);
      source = s;
      for (const type of EVENT_TYPES) s.addEventListener(type, onMessage);
      s.onopen = () => {
        setState('live');
        latest.current.onResync();
      };
      s.onerror = () => {
        setState('reconnecting');
        // An HTTP error (a restarting server's 502) closes an EventSource for good: start a new one.
        if (s.readyState === EventSource.CLOSED) retry = setTimeout(connect, RETRY_MS);
      };
    };
    connect();
    return () => {
      clearTimeout(retry);
      source?.close();
    };
  }, [classroomId]);

  return state;
}
