// How far the learner is in a lesson (on its card) or a chapter (under its title): done, started with
// the count of exercises passed, or not started. Rendered on the server from the learner's progress.

import { CheckIcon } from '../ui/icons';
import type { PartProgress } from './course-progress';
import type { CourseStrings } from './course-strings';
import styles from './lesson-progress.module.css';

export function LessonProgress({ progress, t }: { progress: PartProgress; t: CourseStrings }) {
  if (progress.total === 0) return null;
  const words = { done: t.lessonDone, started: t.progressStarted, new: t.progressNew }[progress.state];
  return (
    <span
      className={styles.progress}
      data-testid="lesson-progress"
      data-state={progress.state}
      data-complete={progress.state === 'done' ? 'true' : 'false'}
    >
      {progress.state === 'done' && <CheckIcon className={styles.tick} />}
      <span className={styles.state}>{words}</span>
      <span className={styles.count}>{t.exercisesDone(progress.done, progress.total)}</span>
    </span>
  );
}

export function ChapterProgress({ progress, t }: { progress: PartProgress; t: CourseStrings }) {
  if (progress.total === 0) return null;
  const percent = Math.round((100 * progress.done) / progress.total);
  return (
    <p className={styles.chapter} data-testid="chapter-progress" data-state={progress.state}>
      <span className={styles.bar} aria-hidden="true">
        <span className={styles.fill} style={{ width: `${percent}%` }} />
      </span>
      <LessonProgress progress={progress} t={t} />
    </p>
  );
}
