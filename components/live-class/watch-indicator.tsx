// "Instructor is watching": shown while at least one instructor watches the learner's terminal (the change
// itself is announced by ./classroom-live.tsx).
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

function EyeIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none">
      <path
        d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8z"
        stroke="currentColor"
        strokeWidth={1.5}
      />
      <circle cx="8" cy="8" r="2" fill="currentColor" />
    </svg>
  );
}
