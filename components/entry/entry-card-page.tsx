// The frame of an entry page (sign-in, join, resume): the site's header, then one card — its title, a line
// of introduction and the form — with lines of help under it.
import type { ReactNode } from 'react';
import type { Lang } from '../i18n/lang';
import { SiteHeader } from '../site/site-header';
import styles from './entry-page.module.css';

export function EntryCardPage({
  lang,
  path,
  title,
  intro,
  children,
  after,
}: {
  lang: Lang;
  path: string;
  title: string;
  intro: string;
  children: ReactNode;
  /** Under the card: where else to go. */
  after?: ReactNode;
}) {
  return (
    <>
      <SiteHeader lang={lang} path={path} />
      <main id="main" className={styles.page}>
        <section className={styles.card} aria-labelledby="entry-title">
          <h1 id="entry-title" className={styles.title}>
            {title}
          </h1>
          <p className={styles.intro}>{intro}</p>
          {children}
        </section>
        {after}
      </main>
    </>
  );
}
