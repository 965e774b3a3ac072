// The tasks most learners fail (server/classrooms/task-failures.ts), most-failed first: each tile is as
// warm as the share of learners failing it, and says the numbers in words too.
import type { Lang } from '../i18n/lang';
import a11y from '../ui/sr-only.module.css';
import type { ClassroomOutline } from './classroom-outline';
import { dashboardStringsFor } from './dashboard-strings';
import { Panel } from './panel';
import panel from './panel.module.css';
import styles from './task-heatmap.module.css';

export interface TaskFailure {
  exerciseId: string;
  taskId: string;
  failing: number;
  tried: number;
}

const SHOWN = 12;

/** 0 → 1 of learners failing, as one of five heat steps (the CSS colours them). */
function heat(share: number): number {
  return Math.min(4, Math.floor(share * 5));
}

export function TaskHeatmap({
  lang,
  outline,
  failures,
}: {
  lang: Lang;
  outline: ClassroomOutline;
  failures: readonly TaskFailure[];
}) {
  const t = dashboardStringsFor(lang);
  const exercises = new Map(outline.lessons.flatMap((l) => l.exercises).map((e) => [e.id, e]));
  return (
    <Panel id="heatmap" title={t.heatmapTitle} testId="task-heatmap">
      <p className={panel.intro}>{t.heatmapIntro}</p>
      {failures.length === 0 ? (
        <p className={panel.empty}>{t.heatmapEmpty}</p>
      ) : (
        <ol className={styles.tiles}>
          {failures.slice(0, SHOWN).map((f) => {
            const exercise = exercises.get(f.exerciseId);
            const task = exercise?.tasks.find((x) => x.id === f.taskId)?.title ?? f.taskId;
            const exerciseTitle = exercise?.title ?? f.exerciseId;
            return (
              <li
                key={`${f.exerciseId} ${f.taskId}`}
                className={`${styles.tile} ${styles[`heat${heat(f.failing / f.tried)}`]}`}
                data-task={`${f.exerciseId}/${f.taskId}`}
                title={task}
              >
                <span className={styles.count} aria-hidden="true">
                  {t.heatmapCount(f.failing, f.tried)}
                </span>
                <span className={styles.task} aria-hidden="true">
                  {task}
                </span>
                <span className={styles.exercise} aria-hidden="true">
                  {exerciseTitle}
                </span>
                <span className={a11y.srOnly}>{t.heatmapLabel(task, exerciseTitle, f.failing, f.tried)}</span>
              </li>
            );
          })}
        </ol>
      )}
    </Panel>
  );
}
