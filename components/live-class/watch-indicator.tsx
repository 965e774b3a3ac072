// "Instructor is watching": shown while at least one instructor watches the learner's terminal (the change
// itself is announced by ./classroom-live.tsx).
import { EyeIcon } from '../classroom/classroom-icons';
import styles from './classroom-live.module.css';
import type { LiveClassStrings } from './live-class-strings';

export function WatchIndicator({ t, watching }: { t: LiveClassStrings; watching: number }) {
  if (watching === 0) return null;
  return (
    <span className={styles.watching} data-testid="instructor-watching" title={t.watchingLabel}>
      <span className={styles.pulse} aria-hidden="true" />
      <EyeIcon />
      <span>{t.watching}</span>
    </span>
  );
}
