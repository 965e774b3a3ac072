'use client';
// A classroom learner's live state: the event stream (SSE) for new broadcasts and for their own hand, typing
// permission and watchers, and the recent broadcasts (GET) each time it (re)opens, so one sent while the
// stream was down still shows. A stream the server refused is retried with backoff.
import { type Dispatch, useEffect, useReducer, useState } from 'react';
import { parseClassroomEvent } from '../../contract/classrooms';
import { classroomApi, classroomPath } from '../api/classroom-api';
import {
  initialLiveClassState,
  type LiveClassAction,
  type LiveClassState,
  liveClassReducer,
} from './live-class-state';

const EVENT_TYPES = ['broadcast', 'hand', 'typing', 'watch'] as const;
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 60_000;

export function useClassroomLive(
  classroomId: string,
  hand: { message: string | null } | null,
): { state: LiveClassState; dispatch: Dispatch<LiveClassAction>; connected: boolean | undefined } {
  const [state, dispatch] = useReducer(liveClassReducer, hand, initialLiveClassState);
  // undefined until the first answer: "reconnecting" is only said after the stream has been up.
  const [connected, setConnected] = useState<boolean | undefined>();

  useEffect(() => {
    const ac = new AbortController();
    let source: EventSource | undefined;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let delay = FIRST_RETRY_MS;
    const loadBroadcasts = () =>
      classroomApi
        .broadcasts(classroomId, ac.signal)
        .then(({ broadcasts }) => dispatch({ type: 'broadcasts', broadcasts }))
        .catch(() => undefined);
    const connect = () => {
      const s = new EventSource(`${classroomPath(classroomId)}/events`);
      source = s;
      s.onopen = () => {
        delay = FIRST_RETRY_MS;
        setConnected(true);
        void loadBroadcasts();
      };
      for (const type of EVENT_TYPES)
        s.addEventListener(type, (m) => {
          const event = parseClassroomEvent((m as MessageEvent<string>).data);
          if (event) dispatch({ type: 'event', event });
        });
      s.onerror = () => {
        setConnected((was) => (was === undefined ? undefined : false));
        // CONNECTING: the browser retries by itself. CLOSED: the server answered with an error; try again later.
        if (s.readyState !== EventSource.CLOSED) return;
        s.close();
        retry = setTimeout(connect, delay);
        delay = Math.min(delay * 2, MAX_RETRY_MS);
      };
    };
    connect();
    return () => {
      ac.abort();
      source?.close();
      clearTimeout(retry);
    };
  }, [classroomId]);

  return { state, dispatch, connected };
}
