'use client';
// The signed-in learner's name in the header; nothing at all when signed out.
import type { Lang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import { useViewer } from '../session/viewer-provider';
import a11y from '../ui/sr-only.module.css';
import styles from './viewer-badge.module.css';

export function ViewerBadge({ lang }: { lang: Lang }) {
  const { viewer } = useViewer();
  if (viewer.status !== 'signed-in') return null;
  const t = stringsFor(lang);
  const initial = viewer.user.name.trim().charAt(0).toUpperCase() || '?';
  return (
    <span className={styles.badge} title={t.signedInAs(viewer.user.name)}>
      <span className={styles.avatar} aria-hidden="true">
        {initial}
      </span>
      <span className={styles.name}>
        <span className={a11y.srOnly}>{t.signedInAs('')}</span>
        {viewer.user.name}
      </span>
    </span>
  );
}
