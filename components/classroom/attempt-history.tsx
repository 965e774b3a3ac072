'use client';
// One learner's check runs, newest first (GET …/learners/:id/attempts), in a modal dialog opened from
// their name in the grid. Esc and the Close button close it; focus goes back to the name.
import { useEffect, useRef, useState } from 'react';
import type { Attempts } from '../../contract/classrooms';
import { isApiError } from '../api/berth-api';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import { CheckIcon } from '../ui/icons';
import styles from './attempt-history.module.css';
import { AlertIcon } from './classroom-icons';
import { dashboardApi } from './dashboard-api';
import { dashboardStringsFor } from './dashboard-strings';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'ok'; attempts: Attempts['attempts'] }
  | { kind: 'error'; text: string };

export function AttemptHistory({
  lang,
  classroomId,
  learner,
  exerciseTitles,
  onClose,
}: {
  lang: Lang;
  classroomId: string;
  learner: { id: string; name: string };
  exerciseTitles: ReadonlyMap<string, string>;
  onClose: () => void;
}) {
  const t = dashboardStringsFor(lang);
  const dialog = useRef<HTMLDialogElement>(null);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });

  useEffect(() => {
    dialog.current?.showModal();
    const abort = new AbortController();
    setLoaded({ kind: 'loading' });
    dashboardApi.attempts(classroomId, learner.id, abort.signal).then(
      (a) => setLoaded({ kind: 'ok', attempts: a.attempts }),
      (e: unknown) => {
        if (!abort.signal.aborted)
          setLoaded({ kind: 'error', text: t.actionFailed(isApiError(e) ? e.message : String(e)) });
      },
    );
    return () => abort.abort();
  }, [classroomId, learner.id, t]);

  const when = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  return (
    <dialog
      ref={dialog}
      className={styles.dialog}
      aria-labelledby="attempts-title"
      onClose={onClose}
      data-testid="attempt-history"
    >
      <div className={styles.head}>
        <h2 id="attempts-title" className={styles.title}>
          {t.attemptsTitle(learner.name)}
        </h2>
        <form method="dialog">
          <button type="submit" className={`${buttons.button} ${buttons.small}`}>
            {t.close}
          </button>
        </form>
      </div>
      <div className={styles.body} aria-live="polite" aria-busy={loaded.kind === 'loading'}>
        {loaded.kind === 'loading' && <p className={styles.note}>{t.attemptsLoading}</p>}
        {loaded.kind === 'error' && <p className={styles.error}>{loaded.text}</p>}
        {loaded.kind === 'ok' && loaded.attempts.length === 0 && (
          <p className={styles.note}>{t.attemptsEmpty}</p>
        )}
        {loaded.kind === 'ok' && loaded.attempts.length > 0 && (
          <table className={styles.table}>
            <thead>
              <tr>
                <th scope="col">{t.attemptWhen}</th>
                <th scope="col">{t.attemptExercise}</th>
                <th scope="col">{t.attemptResult}</th>
              </tr>
            </thead>
            <tbody>
              {loaded.attempts.map((a) => (
                <tr key={`${a.at} ${a.exerciseId}`} data-passed={String(a.passed)}>
                  <td className={styles.when}>
                    <time dateTime={a.at}>{when.format(new Date(a.at))}</time>
                  </td>
                  <td>{exerciseTitles.get(a.exerciseId) ?? a.exerciseId}</td>
                  <td className={a.passed ? styles.passed : styles.failed}>
                    {a.passed ? <CheckIcon /> : <AlertIcon />}
                    {a.passed ? t.attemptPassed : t.attemptFailed(a.tasksPassed, a.tasksTotal)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </dialog>
  );
}
