'use client';
// The live part of the dashboard: the grid, the help queue and the broadcast form, kept current by the
// classroom's event stream. Server-rendered parts (the join panel, the heatmap) come in as slots; the
// heatmap is rendered again on the server a moment after progress changes (router.refresh).
import { useRouter } from 'next/navigation';
import { type ReactNode, useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import type { Broadcast, ClassroomEvent, ClassroomLiveProgress } from '../../contract/classrooms';
import type { Lang } from '../i18n/lang';
import a11y from '../ui/sr-only.module.css';
import { useNow } from '../ui/use-now';
import { AttemptHistory } from './attempt-history';
import { BroadcastForm } from './broadcast-form';
import styles from './classroom-live.module.css';
import { type ClassroomOutline, emptyCells, outlineExercises } from './classroom-outline';
import { dashboardApi } from './dashboard-api';
import {
  applyClassroomEvent,
  type DashboardState,
  type Hand,
  initialDashboardState,
  knowsLearner,
  type LearnerRow,
  withProgress,
} from './dashboard-state';
import { dashboardStringsFor } from './dashboard-strings';
import { HelpQueue } from './help-queue';
import panel from './panel.module.css';
import { GridLegend, ProgressGrid } from './progress-grid';
import { type StreamState, useClassroomEvents } from './use-classroom-events';

/** Idle and stuck change with time alone: the snapshot is fetched again this often. */
const REFRESH_MS = 60_000;
/** After progress changes, the server renders the heatmap again this much later (once per burst). */
const HEATMAP_DELAY_MS = 2_500;
const FLASH_MS = 1_600;

type Action =
  | { kind: 'event'; event: ClassroomEvent; empty: ReturnType<typeof emptyCells> }
  | { kind: 'progress'; progress: ClassroomLiveProgress }
  | { kind: 'hands'; hands: Hand[] }
  | { kind: 'resolved'; learnerId: string }
  | { kind: 'sent'; broadcast: Broadcast };

function reduce(state: DashboardState, a: Action): DashboardState {
  switch (a.kind) {
    case 'event':
      return applyClassroomEvent(state, a.event, a.empty);
    case 'progress':
      return withProgress(state, a.progress);
    case 'hands':
      return { ...state, hands: a.hands };
    case 'resolved':
      return {
        ...state,
        hands: state.hands.filter((h) => h.learnerId !== a.learnerId),
        learners: state.learners.map((l) => (l.id === a.learnerId ? { ...l, handRaised: false } : l)),
      };
    case 'sent':
      return applyClassroomEvent(state, { type: 'broadcast', ...a.broadcast }, {});
  }
}

export function ClassroomLive({
  lang,
  classroomId,
  outline,
  progress,
  hands,
  broadcasts,
  terminals,
  joinPanel,
  heatmap,
  extra,
}: {
  lang: Lang;
  classroomId: string;
  outline: ClassroomOutline;
  progress: ClassroomLiveProgress;
  hands: Hand[];
  broadcasts: Broadcast[];
  /** The present watch and typing state of learners' terminals. */
  terminals: ClassroomEvent[];
  joinPanel: ReactNode;
  heatmap: ReactNode;
  /** More cards for the side column (pre-warm). */
  extra?: ReactNode;
}) {
  const t = dashboardStringsFor(lang);
  const router = useRouter();
  const [state, dispatch] = useReducer(reduce, undefined, () =>
    initialDashboardState(progress, hands, broadcasts, terminals),
  );
  const empty = useMemo(() => emptyCells(outline), [outline]);
  const titles = useMemo(() => new Map(outlineExercises(outline).map((e) => [e.id, e.title])), [outline]);
  const [announcement, setAnnouncement] = useState('');
  const [flashing, setFlashing] = useState<ReadonlySet<string>>(new Set());
  const [history, setHistory] = useState<LearnerRow>();
  const heatmapTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const now = useNow(30_000);

  const resync = useCallback(() => {
    void dashboardApi.progress(classroomId).then(
      (p) => dispatch({ kind: 'progress', progress: p }),
      () => {},
    );
    void dashboardApi.hands(classroomId).then(
      (h) => dispatch({ kind: 'hands', hands: h.hands }),
      () => {},
    );
  }, [classroomId]);

  const known = useRef(state);
  known.current = state;
  const onEvent = useCallback(
    (event: ClassroomEvent) => {
      // Progress of a learner this page has not seen (their `learner` event came before the page listened).
      if (event.type === 'progress' && !knowsLearner(known.current, event.learnerId)) resync();
      if (event.type === 'progress') {
        const key = `${event.learnerId} ${event.exerciseId}`;
        setFlashing((prev) => new Set(prev).add(key));
        setTimeout(
          () =>
            setFlashing((prev) => {
              const next = new Set(prev);
              next.delete(key);
              return next;
            }),
          FLASH_MS,
        );
        // Said once, when the exercise first passes (not on every later check of it).
        const learner = known.current.learners.find((l) => l.id === event.learnerId);
        if (learner && event.cell.passed && !learner.exercises[event.exerciseId]?.passed)
          setAnnouncement(t.passAnnounce(learner.name, titles.get(event.exerciseId) ?? event.exerciseId));
        // At most one render per delay, however busy the class: a burst of checks is not put off forever.
        heatmapTimer.current ??= setTimeout(() => {
          heatmapTimer.current = undefined;
          router.refresh();
        }, HEATMAP_DELAY_MS);
      } else if (event.type === 'hand' && event.raised) setAnnouncement(t.handAnnounce(event.name));
      else if (event.type === 'learner') setAnnouncement(t.joinAnnounce(event.name));
      dispatch({ kind: 'event', event, empty });
    },
    [empty, t, titles, router, resync],
  );

  const stream = useClassroomEvents(classroomId, onEvent, resync);

  useEffect(() => {
    const timer = setInterval(resync, REFRESH_MS);
    return () => {
      clearInterval(timer);
      clearTimeout(heatmapTimer.current);
      heatmapTimer.current = undefined;
    };
  }, [resync]);

  return (
    <div className={styles.layout}>
      <div className={styles.mainCol}>
        <section className={`${panel.panel} ${styles.progress}`} aria-labelledby="progress-title">
          <div className={styles.progressHead}>
            <h2 id="progress-title" className={panel.title}>
              {t.liveTitle}
            </h2>
            <LiveStatus lang={lang} state={stream} />
            <GridLegend lang={lang} />
          </div>
          <ProgressGrid
            lang={lang}
            outline={outline}
            learners={state.learners}
            flashing={flashing}
            onOpenHistory={setHistory}
          />
        </section>
        <div className={styles.heatmap}>{heatmap}</div>
      </div>
      <div className={styles.sideCol}>
        <div className={styles.help}>
          <HelpQueue
            lang={lang}
            classroomId={classroomId}
            hands={state.hands}
            now={now}
            onResolved={(learnerId) => dispatch({ kind: 'resolved', learnerId })}
          />
        </div>
        <div className={styles.join}>{joinPanel}</div>
        <div className={styles.broadcast}>
          <BroadcastForm
            lang={lang}
            classroomId={classroomId}
            broadcasts={state.broadcasts}
            onSent={(broadcast) => dispatch({ kind: 'sent', broadcast })}
          />
        </div>
        {extra && <div className={styles.extra}>{extra}</div>}
      </div>
      <p className={a11y.srOnly} role="status" aria-live="polite" data-testid="dashboard-announcer">
        {announcement}
      </p>
      {history && (
        <AttemptHistory
          lang={lang}
          classroomId={classroomId}
          learner={history}
          exerciseTitles={titles}
          onClose={() => setHistory(undefined)}
        />
      )}
    </div>
  );
}

function LiveStatus({ lang, state }: { lang: Lang; state: StreamState }) {
  const t = dashboardStringsFor(lang);
  const text = state === 'live' ? t.live : state === 'connecting' ? t.liveConnecting : t.liveReconnecting;
  return (
    <span className={`${styles.stream} ${styles[state]}`} data-testid="live-status" data-state={state}>
      <span className={styles.dot} aria-hidden="true" />
      {text}
    </span>
  );
}
