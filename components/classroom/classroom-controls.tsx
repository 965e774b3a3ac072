'use client';
// Close or reopen joining, archive (after a confirmation), and the progress exports. The page is rendered
// on the server again after a change, so every part of it shows the new state.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { isApiError } from '../api/berth-api';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import styles from './classroom-controls.module.css';
import { dashboardApi } from './dashboard-api';
import { dashboardStringsFor } from './dashboard-strings';

export function ClassroomControls({
  lang,
  classroomId,
  joinOpen,
  archived,
}: {
  lang: Lang;
  classroomId: string;
  joinOpen: boolean;
  archived: boolean;
}) {
  const t = dashboardStringsFor(lang);
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const change = async (body: { joinOpen?: boolean; archived?: true }) => {
    setBusy(true);
    setError(undefined);
    try {
      await dashboardApi.update(classroomId, body);
      router.refresh();
    } catch (e) {
      setError(t.actionFailed(isApiError(e) ? e.message : String(e)));
    } finally {
      setBusy(false);
    }
  };
  const base = `/api/classrooms/${encodeURIComponent(classroomId)}`;
  return (
    <div className={styles.controls}>
      {!archived && (
        <>
          <button
            type="button"
            className={`${buttons.button} ${buttons.small}`}
            disabled={busy}
            onClick={() => void change({ joinOpen: !joinOpen })}
            data-testid="toggle-joining"
          >
            {joinOpen ? t.closeJoining : t.reopenJoining}
          </button>
          <button
            type="button"
            className={`${buttons.button} ${buttons.small} ${styles.danger}`}
            disabled={busy}
            onClick={() => {
              if (window.confirm(t.archiveConfirm)) void change({ archived: true });
            }}
            data-testid="archive-classroom"
          >
            {t.archive}
          </button>
        </>
      )}
      <nav className={styles.exports} aria-label={t.exportLabel}>
        <a className={`${buttons.button} ${buttons.small}`} href={`${base}/progress.csv`} download>
          {t.exportCsv}
        </a>
        <a className={`${buttons.button} ${buttons.small}`} href={`${base}/progress`}>
          {t.exportJson}
        </a>
      </nav>
      <p className={styles.error} role="alert">
        {error}
      </p>
    </div>
  );
}
