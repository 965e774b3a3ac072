'use client';
// One exercise: its tasks, the Check button, the result of the last check, and hints on demand.
import { useId, useState } from 'react';
import type { CheckResult } from '../../contract/check-result';
import type { ExerciseView } from '../../contract/public-api';
import { berthApi, isApiError } from '../api/berth-api';
import { type Strings, stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import { useProgress } from '../session/progress-provider';
import type { SandboxPhase } from '../session/use-sandbox-lifecycle';
import buttons from '../ui/button.module.css';
import { CheckIcon, CrossIcon, DotIcon, Spinner } from '../ui/icons';
import { InlineCode } from '../ui/inline-code';
import a11y from '../ui/sr-only.module.css';
import styles from './exercise-card.module.css';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: CheckResult }
  | { kind: 'error'; message: string };

export function ExerciseCard({
  exercise,
  index,
  showNode,
  announce,
}: {
  exercise: ExerciseView;
  index: number;
  showNode: boolean;
  /** Says something in the page's one live region (check-announcer.tsx). */
  announce: (text: string) => void;
}) {
  const session = useLessonSession();
  const { passed, record } = useProgress();
  const t = stringsFor(session.lang);
  // Results belong to the sandbox they were checked on: a Reset (a new sandbox) clears them.
  const [checked, setCheck] = useState<{ sandboxId?: string; state: CheckState }>({
    state: { kind: 'idle' },
  });
  const headingId = useId();
  const helpId = useId();

  const sandboxId = session.phase.kind === 'ready' ? session.phase.sandbox.id : undefined;
  const shownSandbox = sandboxOf(session.phase);
  const check: CheckState = checked.sandboxId === shownSandbox ? checked.state : { kind: 'idle' };
  const passedBefore = passed?.has(exercise.id) ?? false;

  async function runCheck() {
    // Not disabled while running (a disabled button drops focus to the page body): a second press waits.
    if (!sandboxId || check.kind === 'running') return;
    // The old result goes away while checking, so what is on screen always belongs to the latest check.
    setCheck({ sandboxId, state: { kind: 'running' } });
    announce(t.checkRunning(exercise.title));
    try {
      const result = await berthApi.runCheck(sandboxId, exercise.id, session.lang);
      setCheck({ sandboxId, state: { kind: 'done', result } });
      record(exercise.id, result.passed);
      announce(t.checkResultAnnounce(exercise.title, summaryOf(result, t)));
    } catch (e) {
      if (isApiError(e) && e.status === 404) void session.isSandboxAlive().catch(() => undefined);
      const message =
        isApiError(e) && (e.status === 504 || e.code === 'timeout')
          ? t.checkTimedOut
          : `${t.checkFailedToRun} ${isApiError(e) ? e.message : ''}`.trim();
      setCheck({ sandboxId, state: { kind: 'error', message } });
      announce(t.checkResultAnnounce(exercise.title, message));
    }
  }

  const result = check.kind === 'done' ? check.result : undefined;
  const running = check.kind === 'running';

  return (
    <article className={styles.exercise} aria-labelledby={headingId} data-exercise={exercise.id}>
      <header className={styles.header}>
        <h3 id={headingId} className={styles.title}>
          <span className={styles.number} aria-hidden="true">
            {index + 1}
          </span>
          {exercise.title}
        </h3>
        <div className={styles.tags}>
          {showNode && (
            <span className={`${styles.tag} ${styles.tagNode}`}>{t.exerciseOn(exercise.node)}</span>
          )}
          {passedBefore && !result && (
            <span className={`${styles.tag} ${styles.tagPass}`}>
              <CheckIcon /> {t.passedBefore}
            </span>
          )}
        </div>
      </header>

      {result ? (
        <div
          className={`${styles.result} ${result.passed ? styles.resultPass : styles.resultFail}`}
          data-testid={`check-result-${exercise.id}`}
          data-passed={result.passed ? 'true' : 'false'}
        >
          <p className={styles.summary}>
            {result.passed ? <CheckIcon /> : <CrossIcon />}
            {summaryOf(result, t)}
          </p>
          <ul className={styles.tasks}>
            {result.tasks.map((task) => (
              <li
                key={task.id}
                className={`${styles.task} ${task.passed ? styles.taskPass : styles.taskFail}`}
              >
                <span className={styles.taskIcon}>{task.passed ? <CheckIcon /> : <CrossIcon />}</span>
                <span className={styles.taskText}>
                  <span className={a11y.srOnly}>{task.passed ? t.taskPassed : t.taskFailed}: </span>
                  <span className={styles.taskTitle}>{task.title}</span>
                  {task.message && (
                    <span className={styles.taskMessage}>
                      <InlineCode text={task.message} />
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ul className={styles.tasks} aria-label={t.tasks} aria-busy={running || undefined}>
          {exercise.tasks.map((task) => (
            <li key={task.id} className={`${styles.task} ${styles.taskPending}`}>
              <span className={styles.taskIcon}>{running ? <Spinner /> : <DotIcon />}</span>
              <span className={styles.taskText}>
                <span className={a11y.srOnly}>{t.taskPending}: </span>
                <span className={styles.taskTitle}>{task.title}</span>
              </span>
            </li>
          ))}
        </ul>
      )}

      {check.kind === 'error' && <p className={styles.error}>{check.message}</p>}

      <div className={styles.actions}>
        <button
          type="button"
          className={`${buttons.button} ${buttons.primary} ${styles.check}`}
          data-testid={`check-${exercise.id}`}
          onClick={runCheck}
          disabled={!sandboxId}
          aria-disabled={running || undefined}
          aria-busy={running || undefined}
          aria-describedby={sandboxId ? undefined : helpId}
        >
          {running ? (
            <>
              <Spinner /> {t.checking}
            </>
          ) : (
            t.check
          )}
        </button>
        {!sandboxId && (
          <span id={helpId} className={styles.help}>
            {t.checkNeedsSandbox}
          </span>
        )}
      </div>

      {exercise.hints.length > 0 && (
        <div className={styles.hints}>
          {exercise.hints.map((hint, i) => (
            <details key={hint} className={styles.hint}>
              <summary>{t.hint(i + 1)}</summary>
              <p>
                <InlineCode text={hint} />
              </p>
            </details>
          ))}
        </div>
      )}
    </article>
  );
}

function summaryOf(result: CheckResult, t: Strings): string {
  return result.passed
    ? t.checkAllPassed
    : t.checkSomeFailed(result.tasks.filter((x) => x.passed).length, result.tasks.length);
}

// The sandbox whose terminals are on screen (results stay visible while it stops, not on a new one).
function sandboxOf(phase: SandboxPhase): string | undefined {
  return 'sandbox' in phase ? phase.sandbox?.id : undefined;
}
