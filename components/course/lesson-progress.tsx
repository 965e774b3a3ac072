'use client';
// Progress ticks on a lesson card: how many of its exercises the learner has passed.
import type { Lang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import { useProgress } from '../session/progress-provider';
import { CheckIcon } from '../ui/icons';
import a11y from '../ui/sr-only.module.css';
import styles from './lesson-progress.module.css';

export function LessonProgress({ lang, exerciseIds }: { lang: Lang; exerciseIds: readonly string[] }) {
  const { passed } = useProgress();
  if (!passed || exerciseIds.length === 0) return null;
  const done = exerciseIds.filter((id) => passed.has(id)).length;
  if (done === 0) return null;
  const t = stringsFor(lang);
  const complete = done === exerciseIds.length;
  return (
    <span
      className={styles.progress}
      data-testid="lesson-progress"
      data-complete={complete ? 'true' : 'false'}
    >
      <span className={styles.ticks} aria-hidden="true">
        {exerciseIds.map((id) =>
          passed.has(id) ? (
            <CheckIcon key={id} className={styles.tick} />
          ) : (
            <span key={id} className={`${styles.tick} ${styles.tickOff}`} />
          ),
        )}
      </span>
      {complete && <span aria-hidden="true">{t.lessonDone}</span>}
      <span className={a11y.srOnly}>{t.exercisesDone(done, exerciseIds.length)}</span>
    </span>
  );
}
