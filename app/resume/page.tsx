// Continue on another device: the resume code a learner got when they joined signs them in again here.
import type { Metadata } from 'next';
import Link from 'next/link';
import styles from '@/components/entry/entry-page.module.css';
import { entryStringsFor } from '@/components/entry/entry-strings';
import { ResumeForm } from '@/components/entry/resume-form';
import { requestLang } from '@/components/i18n/request-lang';
import { SiteHeader } from '@/components/site/site-header';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: entryStringsFor(await requestLang(searchParams)).resumeTitle };
}

export default async function ResumePage({ searchParams }: Props) {
  const lang = await requestLang(searchParams);
  const t = entryStringsFor(lang);
  return (
    <>
      <SiteHeader lang={lang} path="/resume" />
      <main id="main" className={styles.page}>
        <section className={styles.card} aria-labelledby="resume-title">
          <h1 id="resume-title" className={styles.title}>
            {t.resumeTitle}
          </h1>
          <p className={styles.intro}>{t.resumeIntro}</p>
          <ResumeForm lang={lang} />
        </section>
        <p className={styles.aside}>{t.lostCode}</p>
        <p className={styles.aside}>
          {t.newHere} <Link href="/join">{t.joinTitle}</Link>
        </p>
      </main>
    </>
  );
}
