'use client';
// "ends in 42 min": the sandbox's time to live, refreshed every 30 s.
import type { Strings } from '../i18n/strings';
import { ClockIcon } from '../ui/icons';
import { useNow } from '../ui/use-now';
import styles from './expires-in.module.css';

export function ExpiresIn({ t, at }: { t: Strings; at: number }) {
  const now = useNow(30_000);
  const minutes = Math.max(0, Math.ceil((at - now) / 60_000));
  return (
    <span className={styles.expires} title={new Date(at).toLocaleTimeString()}>
      <ClockIcon />
      {t.expiresIn(minutes)}
    </span>
  );
}
