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
import { type AnswerValue, QuestionFields } from './question-fields';

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
  const [answers, setAnswers] = useState<Record<string, AnswerValue>>({});
  const headingId = useId();
  const helpId = useId();

  // A pure quiz is checked without a sandbox (while it starts, too), and its result outlives a Reset.
  const sandboxId = exercise.quiz
    ? 'quiz'
    : session.phase.kind === 'ready'
      ? session.phase.sandbox.id
      : undefined;
  const shownSandbox = exercise.quiz ? 'quiz' : sandboxOf(session.phase);
  const check: CheckState = checked.sandboxId === shownSandbox ? checked.state : { kind: 'idle' };
  const passedBefore = passed?.has(exercise.id) ?? false;

  async function runCheck(e?: React.FormEvent) {
    e?.preventDefault();
    // Not disabled while running (a disabled button drops focus to the page body): a second press waits.
    if (!sandboxId || check.kind === 'running') return;
    // The old result goes away while checking, so what is on screen always belongs to the latest check.
    setCheck({ sandboxId, state: { kind: 'running' } });
    announce(t.checkRunning(exercise.title));
    try {
      const result = exercise.quiz
        ? await berthApi.answerQuiz(exercise.id, session.lang, answers)
        : await berthApi.runCheck(sandboxId, exercise.id, session.lang, answers);
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

  // Questions make the card a form (Enter in a field checks); a card without any keeps a plain button.
  const asks = exercise.tasks.some((x) => x.question);
  const result = check.kind === 'done' ? check.result : undefined;
  const running = check.kind === 'running';
  // The same fields before and after a check (React keeps them by task), so answers stay as typed.
  const question = (taskId: string) => {
    const task = exercise.tasks.find((x) => x.id === taskId);
    if (!task?.question) return undefined;
    return (
      <QuestionFields
        id={`${headingId}${task.id}`}
        title={task.title}
        question={task.question}
        value={answers[task.id]}
        onChange={(v) => setAnswers((a) => ({ ...a, [task.id]: v }))}
      />
    );
  };

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
          {showNode && !exercise.quiz && (
            <span className={`${styles.tag} ${styles.tagNode}`}>{t.exerciseOn(exercise.node)}</span>
          )}
          {passedBefore && !result && (
            <span className={`${styles.tag} ${styles.tagPass}`}>
              <CheckIcon /> {t.passedBefore}
            </span>
          )}
        </div>
      </header>
      {/* method="dialog": pressed before the page is interactive, a submit does nothing (no reload). */}
      <form method="dialog" onSubmit={runCheck}>
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
                    {question(task.id) ?? <span className={styles.taskTitle}>{task.title}</span>}
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
                  {question(task.id) ?? <span className={styles.taskTitle}>{task.title}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}

        {check.kind === 'error' && <p className={styles.error}>{check.message}</p>}

        <div className={styles.actions}>
          <button
            type={asks ? 'submit' : 'button'}
            onClick={asks ? undefined : () => runCheck()}
            className={`${buttons.button} ${buttons.primary} ${styles.check}`}
            data-testid={`check-${exercise.id}`}
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
      </form>
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
