'use client';
// Learners × exercises. Each cell shows the tasks passed of the total with an icon and a word for screen
// readers, so its state never rests on colour alone: green ✓ passed, amber ! tried, grey · not tried.
// A cell that just changed flashes once. The learner's name opens their attempt history.
import type { Lang } from '../i18n/lang';
import { CheckIcon, DotIcon } from '../ui/icons';
import a11y from '../ui/sr-only.module.css';
import { AlertIcon } from './classroom-icons';
import { type ClassroomOutline, outlineExercises } from './classroom-outline';
import { cellState, type LearnerRow } from './dashboard-state';
import { dashboardStringsFor } from './dashboard-strings';
import { LearnerFlags } from './learner-flags';
import styles from './progress-grid.module.css';

export function ProgressGrid({
  lang,
  outline,
  learners,
  flashing,
  onOpenHistory,
}: {
  lang: Lang;
  outline: ClassroomOutline;
  learners: readonly LearnerRow[];
  /** `learnerId exerciseId` of cells changed a moment ago. */
  flashing: ReadonlySet<string>;
  onOpenHistory: (learner: LearnerRow) => void;
}) {
  const t = dashboardStringsFor(lang);
  const exercises = outlineExercises(outline);
  const titles = new Map(exercises.map((e) => [e.id, e.title]));
  if (learners.length === 0) return <p className={styles.empty}>{t.noLearners}</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a region that scrolls sideways must take focus, or keyboard users cannot scroll it (axe: scrollable-region-focusable)
    <section className={styles.scroller} aria-label={t.gridCaption} tabIndex={0}>
      <table className={styles.grid} data-testid="progress-grid">
        <caption className={a11y.srOnly}>{t.gridCaption}</caption>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className={styles.learnerHead}>
              {t.learner}
            </th>
            {outline.lessons.map((l) => (
              <th key={l.id} scope="colgroup" colSpan={l.exercises.length} className={styles.lessonHead}>
                {l.title}
              </th>
            ))}
            <th scope="col" rowSpan={2} className={styles.totalHead}>
              {t.totalColumn}
            </th>
          </tr>
          <tr>
            {exercises.map((e) => (
              <th key={e.id} scope="col" className={styles.exerciseHead} title={e.title}>
                <span className={styles.exerciseTitle}>{e.title}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {learners.map((l) => {
            const passed = exercises.filter((e) => l.exercises[e.id]?.passed).length;
            return (
              <tr key={l.id} data-learner={l.id}>
                <th scope="row" className={styles.learner}>
                  <button
                    type="button"
                    className={styles.name}
                    onClick={() => onOpenHistory(l)}
                    aria-label={t.historyOf(l.name)}
                    data-testid={`learner-${l.id}`}
                  >
                    {l.name}
                  </button>
                  <LearnerFlags
                    lang={lang}
                    learner={l}
                    stuckTitle={l.stuck ? titles.get(l.stuck) : undefined}
                  />
                </th>
                {exercises.map((e) => {
                  const cell = l.exercises[e.id];
                  const state = cellState(cell);
                  const word =
                    state === 'passed' ? t.cellPassed : state === 'tried' ? t.cellTried : t.cellNone;
                  const tasksPassed = cell?.tasksPassed ?? 0;
                  const tasksTotal = cell?.tasksTotal ?? e.tasks.length;
                  const label = t.cellLabel(word, tasksPassed, tasksTotal, cell?.attempts ?? 0);
                  const key = `${l.id} ${e.id}`;
                  return (
                    <td
                      key={e.id}
                      className={`${styles.cell} ${styles[state]} ${flashing.has(key) ? styles.flash : ''}`}
                      data-testid={`cell-${l.id}-${e.id}`}
                      data-passed={String(!!cell?.passed)}
                      data-state={state}
                      title={`${e.title} — ${label}`}
                    >
                      <span className={styles.cellInner}>
                        {state === 'passed' ? (
                          <CheckIcon className={styles.icon} />
                        ) : state === 'tried' ? (
                          <AlertIcon className={styles.icon} />
                        ) : (
                          <DotIcon className={styles.icon} />
                        )}
                        <span aria-hidden="true">
                          {tasksPassed}/{tasksTotal}
                        </span>
                        <span className={a11y.srOnly}>{label}</span>
                      </span>
                    </td>
                  );
                })}
                <td className={styles.total}>
                  <span aria-hidden="true">{t.passedCount(passed, exercises.length)}</span>
                  <span className={a11y.srOnly}>{t.passedCountLabel(passed, exercises.length)}</span>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** The three cell states with their icons, above the grid. */
export function GridLegend({ lang }: { lang: Lang }) {
  const t = dashboardStringsFor(lang);
  return (
    <ul className={styles.legend} aria-label={t.legend}>
      <li className={styles.passed}>
        <CheckIcon className={styles.icon} /> {t.cellPassed}
      </li>
      <li className={styles.tried}>
        <AlertIcon className={styles.icon} /> {t.cellTried}
      </li>
      <li className={styles.none}>
        <DotIcon className={styles.icon} /> {t.cellNone}
      </li>
    </ul>
  );
}
