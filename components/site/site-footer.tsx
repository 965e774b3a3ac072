// A quiet footer: what Berth is, in one line, and the ways in for a class (join by code, instructor sign-in).
import Link from 'next/link';
import { entryStringsFor } from '../entry/entry-strings';
import type { Lang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import styles from './site-footer.module.css';

export function SiteFooter({ lang }: { lang: Lang }) {
  const t = stringsFor(lang);
  const e = entryStringsFor(lang);
  return (
    <footer className={styles.footer}>
      <p>
        {t.brand} · {t.tagline}
      </p>
      <p className={styles.links}>
        <Link href="/join">{e.joinTitle}</Link>
        <Link href="/resume">{e.resumeLink}</Link>
        <Link href="/signin">{e.signInTitle}</Link>
      </p>
    </footer>
  );
}
