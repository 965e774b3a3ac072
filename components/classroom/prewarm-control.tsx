'use client';
// Pre-warm for a class: ask for N sandboxes ahead of the lesson and watch them come up (POST and GET
// /api/classrooms/:id/prewarm). The numbers are polled every few seconds while some are still starting.
import { useEffect, useId, useState } from 'react';
import type { PrewarmStatus } from '../../contract/classrooms';
import { isApiError } from '../api/berth-api';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import { dashboardApi } from './dashboard-api';
import { dashboardStringsFor } from './dashboard-strings';
import { Panel } from './panel';
import panel from './panel.module.css';
import styles from './prewarm-control.module.css';

const POLL_MS = 3_000;

export function PrewarmControl({
  lang,
  classroomId,
  initial,
  suggested,
}: {
  lang: Lang;
  classroomId: string;
  initial: PrewarmStatus;
  /** What the field starts with when nothing was asked yet: the class's size or cap. */
  suggested: number;
}) {
  const t = dashboardStringsFor(lang);
  const id = useId();
  const [status, setStatus] = useState(initial);
  const [count, setCount] = useState(String(initial.requested || suggested));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const open = status.requested - status.claimed;
  const coming = status.starting > 0 || status.ready < open;
  useEffect(() => {
    if (!coming) return;
    const timer = setInterval(() => {
      void dashboardApi.prewarmStatus(classroomId).then(setStatus, () => {});
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [coming, classroomId]);

  const n = Number(count);
  const valid = Number.isInteger(n) && n >= 0 && n <= 500;
  return (
    <Panel id={id} title={t.prewarmTitle} testId="prewarm">
      <p className={panel.intro}>{t.prewarmIntro}</p>
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          if (!valid || busy) return;
          setBusy(true);
          setError(undefined);
          dashboardApi
            .prewarm(classroomId, n)
            .then(setStatus, (err: unknown) =>
              setError(t.actionFailed(isApiError(err) ? err.message : String(err))),
            )
            .finally(() => setBusy(false));
        }}
      >
        <label htmlFor={`${id}-count`}>{t.prewarmCount}</label>
        <input
          id={`${id}-count`}
          type="number"
          inputMode="numeric"
          min={0}
          max={500}
          value={count}
          onChange={(e) => setCount(e.currentTarget.value)}
          className={styles.count}
          data-testid="prewarm-count"
        />
        <button
          type="submit"
          className={`${buttons.button} ${buttons.small}`}
          disabled={!valid || busy}
          data-testid="prewarm-submit"
        >
          {busy ? t.prewarming : t.prewarmButton}
        </button>
      </form>
      <p className={styles.status} role="status" data-testid="prewarm-status">
        {status.requested > 0 &&
          t.prewarmStatus(status.ready, status.starting, status.claimed, status.requested)}
      </p>
      {error && (
        <p className={panel.error} role="alert">
          {error}
        </p>
      )}
    </Panel>
  );
}
