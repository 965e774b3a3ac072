// A quiet footer: what Berth is, in one line.
import type { Lang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import styles from './site-footer.module.css';

export function SiteFooter({ lang }: { lang: Lang }) {
  const t = stringsFor(lang);
  return (
    <footer className={styles.footer}>
      <p>
        {t.brand} · {t.tagline}
      </p>
    </footer>
  );
}
