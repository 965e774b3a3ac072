'use client';
// A classroom learner's bar above the terminal: the class, whether the instructor is watching, the "allow
// instructor to type" switch, raise hand; and the instructor's broadcasts in a banner. Loaded lazily, only
// for learners in a classroom (./classroom-live-island.tsx), so the lesson page's first load stays small.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { HandIcon, MegaphoneIcon } from '../classroom/classroom-icons';
import type { Lang } from '../i18n/lang';
import { useLessonSession } from '../session/lesson-session';
import a11y from '../ui/sr-only.module.css';
import { BroadcastBanner } from './broadcast-banner';
import styles from './classroom-live.module.css';
import { liveClassStringsFor } from './live-class-strings';
import { RaiseHand } from './raise-hand';
import { TypingToggle } from './typing-toggle';
import { useClassroomLive } from './use-classroom-live';
import { useDismissedBroadcasts } from './use-dismissed-broadcasts';
import { WatchIndicator } from './watch-indicator';

export interface ClassroomLiveProps {
  lang: Lang;
  classroomId: string;
  title: string;
  /** The learner's raised hand when the page was rendered, or null. */
  hand: { message: string | null } | null;
}

export default function ClassroomLive({ lang, classroomId, title, hand }: ClassroomLiveProps) {
  const t = liveClassStringsFor(lang);
  const { phase } = useLessonSession();
  const sandboxId = phase.kind === 'ready' ? phase.sandbox.id : undefined;
  const { state, dispatch, connected } = useClassroomLive(classroomId, hand);
  const watching = sandboxId ? (state.watching[sandboxId] ?? 0) : 0;
  const allowed = sandboxId ? (state.typing[sandboxId] ?? false) : false;
  const banner = useDismissedBroadcasts(classroomId, state.broadcasts);

  // Changes the learner did not make themselves are said aloud: the instructor starts or stops watching,
  // or answers the raised hand.
  const [announcement, setAnnouncement] = useState('');
  const wasWatching = useRef(0);
  useEffect(() => {
    if (watching > 0 && wasWatching.current === 0) setAnnouncement(t.watchingLabel);
    if (watching === 0 && wasWatching.current > 0) setAnnouncement(t.notWatching);
    wasWatching.current = watching;
  }, [watching, t]);
  useEffect(() => {
    if (state.handResolved) setAnnouncement(t.handResolved);
  }, [state.handResolved, t]);

  return (
    <div className={styles.live} data-testid="classroom-live" data-live={connected ? 'open' : 'closed'}>
      <div className={styles.bar}>
        <p className={styles.class}>
          <span className={styles.classLabel}>{t.classroom}</span>
          <span className={styles.classTitle}>{title}</span>
        </p>
        <div className={styles.controls}>
          <WatchIndicator t={t} watching={watching} />
          {sandboxId && (
            <TypingToggle
              t={t}
              sandboxId={sandboxId}
              allowed={allowed}
              onChange={(on) => dispatch({ type: 'typing', sandboxId, allowed: on })}
            />
          )}
          {state.broadcasts.length > 0 && (
            <button
              type="button"
              className={styles.messages}
              aria-label={t.showMessagesLabel}
              aria-expanded={banner.open}
              onClick={banner.toggle}
              data-testid="show-broadcasts"
            >
              <MegaphoneIcon />
              <span>{t.showMessages(state.broadcasts.length)}</span>
            </button>
          )}
          <RaiseHand
            t={t}
            classroomId={classroomId}
            hand={state.hand}
            onChange={(raised, message) => dispatch({ type: 'hand', raised, message })}
          />
        </div>
      </div>
      {state.hand.raised && (
        <p className={styles.handNotice} data-testid="hand-raised">
          <HandIcon />
          <span>
            <strong>{t.handRaised}.</strong> {t.handRaisedBody}
            {state.hand.message && (
              <>
                {' '}
                <span className={a11y.srOnly}>{t.yourMessage}:</span>
                <q className={styles.handMessage} data-testid="hand-message">
                  {state.hand.message}
                </q>
              </>
            )}
          </span>
        </p>
      )}
      {/* Shown; said by the status line below, once. */}
      {state.handResolved && !state.hand.raised && (
        <p className={styles.notice} aria-hidden="true" data-testid="hand-resolved">
          {t.handResolved}
        </p>
      )}
      {connected === false && <p className={styles.notice}>{t.offline}</p>}
      <p className={a11y.srOnly} role="status">
        {announcement}
      </p>
      {createPortal(
        <BroadcastBanner
          t={t}
          lang={lang}
          broadcasts={state.broadcasts}
          open={banner.open}
          onDismiss={banner.dismiss}
        />,
        document.body,
      )}
    </div>
  );
}
