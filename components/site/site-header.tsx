// The bar on top of every page: the Berth mark (home), where you are, who you are, and the language switch.
import Link from 'next/link';
import { HtmlLangSync } from '../i18n/html-lang-sync';
import type { Lang } from '../i18n/lang';
import { LangSwitch } from '../i18n/lang-switch';
import { stringsFor } from '../i18n/strings';
import { BerthLogo } from './berth-logo';
import styles from './site-header.module.css';
import { ViewerBadge } from './viewer-badge';

export interface Crumb {
  label: string;
  href?: string;
}

export function SiteHeader({
  lang,
  path,
  crumbs = [],
  compact = false,
  skipTo,
}: {
  lang: Lang;
  /** This page's path, for the language switch link. */
  path: string;
  crumbs?: readonly Crumb[];
  /** The lesson workspace uses a slimmer bar. */
  compact?: boolean;
  /** A skip link before "Skip to content" (the lesson page: straight to the sandbox). */
  skipTo?: Crumb & { href: string };
}) {
  const t = stringsFor(lang);
  const other: Lang = lang === 'en' ? 'zh' : 'en';
  return (
    <header className={compact ? `${styles.header} ${styles.compact}` : styles.header}>
      <HtmlLangSync lang={lang} />
      {skipTo && (
        <a className={styles.skipLink} href={skipTo.href} data-testid="skip-to-sandbox">
          {skipTo.label}
        </a>
      )}
      <a className={styles.skipLink} href="#main">
        {t.skipToContent}
      </a>
      <div className={styles.inner}>
        <Link href="/" className={styles.brand}>
          <BerthLogo />
          <span>{t.brand}</span>
        </Link>
        {crumbs.length > 0 && (
          <nav aria-label={t.breadcrumb} className={styles.crumbs}>
            <ol>
              {crumbs.map((c, i) => (
                <li key={c.href ?? c.label}>
                  {c.href ? (
                    <Link href={c.href}>{c.label}</Link>
                  ) : (
                    <span aria-current={i === crumbs.length - 1 ? 'page' : undefined}>{c.label}</span>
                  )}
                </li>
              ))}
            </ol>
          </nav>
        )}
        <div className={styles.end}>
          <ViewerBadge lang={lang} />
          <LangSwitch
            target={other}
            href={`${path}?lang=${other}`}
            text={t.langSwitchTo}
            label={t.langSwitchToLabel}
          />
        </div>
      </div>
    </header>
  );
}
