// Joining a class, step one: type the code the instructor gave (the link /join/CODE skips this step).
import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/entry/entry-page.module.css';
import { entryStringsFor } from '@/components/entry/entry-strings';
import { JoinCodeForm } from '@/components/entry/join-code-form';
import { requestLang } from '@/components/i18n/request-lang';
import { SiteHeader } from '@/components/site/site-header';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: entryStringsFor(await requestLang(searchParams)).joinTitle };
}

export default async function JoinPage({ searchParams }: Props) {
  const lang = await requestLang(searchParams);
  const t = entryStringsFor(lang);
  return (
    <>
      <SiteHeader lang={lang} path="/join" />
      <main id="main" className={styles.page}>
        <section className={styles.card} aria-labelledby="join-title">
          <h1 id="join-title" className={styles.title}>
            {t.joinTitle}
          </h1>
          <p className={styles.intro}>{t.joinIntro}</p>
          <JoinCodeForm lang={lang} />
        </section>
        <p className={styles.aside}>
          {t.haveResumeCode} <Link href="/resume">{t.resumeLink}</Link>
        </p>
      </main>
    </>
  );
}
