'use client';
// One exercise: its tasks, the Check button, the result of the last check, and hints on demand.
import { useId, useState } from 'react';
import type { CheckResult } from '../../contract/checks';
import type { ExerciseView } from '../../contract/public-api';
import { berthApi, isApiError } from '../api/berth-api';
import { stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import { useProgress } from '../session/progress-provider';
import { CheckIcon, CrossIcon, DotIcon, Spinner } from '../ui/icons';
import { InlineCode } from '../ui/inline-code';

type CheckState =
  | { kind: 'idle' }
  | { kind: 'running' }
  | { kind: 'done'; result: CheckResult }
  | { kind: 'error'; message: string };

export function ExerciseCard({
  exercise,
  index,
  showNode,
}: {
  exercise: ExerciseView;
  index: number;
  showNode: boolean;
}) {
  const session = useLessonSession();
  const { passed, record } = useProgress();
  const t = stringsFor(session.lang);
  const [check, setCheck] = useState<CheckState>({ kind: 'idle' });
  const headingId = useId();
  const helpId = useId();

  const sandboxId = session.phase.kind === 'ready' ? session.phase.sandbox.id : undefined;
  const passedBefore = passed?.has(exercise.id) ?? false;

  async function runCheck() {
    if (!sandboxId) return;
    // The old result goes away while checking, so what is on screen always belongs to the latest check.
    setCheck({ kind: 'running' });
    try {
      const result = await berthApi.runCheck(sandboxId, exercise.id, session.lang);
      setCheck({ kind: 'done', result });
      record(exercise.id, result.passed);
    } catch (e) {
      if (isApiError(e) && e.status === 404) void session.isSandboxAlive().catch(() => undefined);
      const message =
        isApiError(e) && (e.status === 504 || e.code === 'timeout')
          ? t.checkTimedOut
          : `${t.checkFailedToRun} ${isApiError(e) ? e.message : ''}`.trim();
      setCheck({ kind: 'error', message });
    }
  }

  const result = check.kind === 'done' ? check.result : undefined;
  const running = check.kind === 'running';

  return (
    <article className="exercise" aria-labelledby={headingId} data-exercise={exercise.id}>
      <header className="exercise-header">
        <h3 id={headingId} className="exercise-title">
          <span className="exercise-number" aria-hidden="true">
            {index + 1}
          </span>
          {exercise.title}
        </h3>
        <div className="exercise-tags">
          {showNode && <span className="tag tag-node">{t.exerciseOn(exercise.node)}</span>}
          {passedBefore && (
            <span className="tag tag-pass">
              <CheckIcon /> {t.passedBefore}
            </span>
          )}
        </div>
      </header>

      {result ? (
        <div
          className={`check-result ${result.passed ? 'check-result-pass' : 'check-result-fail'}`}
          data-testid={`check-result-${exercise.id}`}
          data-passed={result.passed ? 'true' : 'false'}
          role="status"
        >
          <p className="check-summary">
            {result.passed ? <CheckIcon /> : <CrossIcon />}
            {result.passed
              ? t.checkAllPassed
              : t.checkSomeFailed(result.tasks.filter((x) => x.passed).length, result.tasks.length)}
          </p>
          <ul className="task-list">
            {result.tasks.map((task) => (
              <li key={task.id} className={task.passed ? 'task task-pass' : 'task task-fail'}>
                <span className="task-icon">{task.passed ? <CheckIcon /> : <CrossIcon />}</span>
                <span className="task-text">
                  <span className="sr-only">{task.passed ? t.taskPassed : t.taskFailed}: </span>
                  <span className="task-title">{task.title}</span>
                  {task.message && (
                    <span className="task-message">
                      <InlineCode text={task.message} />
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ul className="task-list" aria-label={t.tasks} aria-busy={running || undefined}>
          {exercise.tasks.map((task) => (
            <li key={task.id} className="task task-pending">
              <span className="task-icon">{running ? <Spinner /> : <DotIcon />}</span>
              <span className="task-text">
                <span className="sr-only">{t.taskPending}: </span>
                <span className="task-title">{task.title}</span>
              </span>
            </li>
          ))}
        </ul>
      )}

      {check.kind === 'error' && (
        <p className="check-error" role="alert">
          {check.message}
        </p>
      )}

      <div className="exercise-actions">
        <button
          type="button"
          className="button button-primary"
          data-testid={`check-${exercise.id}`}
          onClick={runCheck}
          disabled={!sandboxId || running}
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
          <span id={helpId} className="exercise-help">
            {t.checkNeedsSandbox}
          </span>
        )}
      </div>

      {exercise.hints.length > 0 && (
        <div className="hints">
          {exercise.hints.map((hint, i) => (
            <details key={hint} className="hint">
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
