'use client';
// Raised hands, oldest first: who, their message (as text), since when, and the two things to do about
// it — watch their terminal, or mark the hand resolved.
import Link from 'next/link';
import { useState } from 'react';
import { isApiError } from '../api/berth-api';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import a11y from '../ui/sr-only.module.css';
import { EyeIcon, HandIcon } from './classroom-icons';
import { dashboardApi } from './dashboard-api';
import type { Hand } from './dashboard-state';
import { dashboardStringsFor } from './dashboard-strings';
import styles from './help-queue.module.css';
import { Panel } from './panel';
import panel from './panel.module.css';

export function HelpQueue({
  lang,
  classroomId,
  hands,
  now,
  onResolved,
}: {
  lang: Lang;
  classroomId: string;
  hands: readonly Hand[];
  now: number;
  onResolved: (learnerId: string) => void;
}) {
  const t = dashboardStringsFor(lang);
  const [error, setError] = useState<string>();
  const resolve = async (learnerId: string) => {
    setError(undefined);
    try {
      await dashboardApi.resolveHand(classroomId, learnerId);
      onResolved(learnerId);
    } catch (e) {
      setError(t.actionFailed(isApiError(e) ? e.message : String(e)));
    }
  };
  return (
    <Panel
      id="help"
      testId="help-queue"
      title={
        <>
          <HandIcon />
          {t.helpTitle}
          <span className={`${panel.count} ${hands.length > 0 ? panel.countHot : ''}`}>{hands.length}</span>
        </>
      }
    >
      {hands.length === 0 ? (
        <p className={panel.empty}>{t.helpEmpty}</p>
      ) : (
        <ol className={styles.queue}>
          {hands.map((h) => (
            <li key={h.learnerId} className={styles.hand} data-testid={`hand-${h.learnerId}`}>
              <div className={styles.who}>
                <span className={styles.name}>{h.name}</span>
                <time dateTime={h.raisedAt} className={styles.when} suppressHydrationWarning>
                  {t.raisedAgo(Math.max(0, Math.floor((now - Date.parse(h.raisedAt)) / 60_000)))}
                </time>
              </div>
              {h.message && (
                <p className={styles.message}>
                  <span className={a11y.srOnly}>{t.handMessage}: </span>
                  {h.message}
                </p>
              )}
              <div className={styles.actions}>
                <Link
                  href={`/classrooms/${encodeURIComponent(classroomId)}/watch/${encodeURIComponent(h.learnerId)}`}
                  className={`${buttons.button} ${buttons.small} ${buttons.primary}`}
                  aria-label={t.watchLabel(h.name)}
                  data-testid={`watch-${h.learnerId}`}
                >
                  <EyeIcon />
                  {t.watch}
                </Link>
                <button
                  type="button"
                  className={`${buttons.button} ${buttons.small}`}
                  onClick={() => void resolve(h.learnerId)}
                  aria-label={t.resolveLabel(h.name)}
                  data-testid={`resolve-${h.learnerId}`}
                >
                  {t.resolve}
                </button>
                {!h.sandboxId && <span className={styles.noSandbox}>{t.noSandbox}</span>}
              </div>
            </li>
          ))}
        </ol>
      )}
      {error && (
        <p className={panel.error} role="alert">
          {error}
        </p>
      )}
    </Panel>
  );
}
