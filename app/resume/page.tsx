// Continue on another device: the resume code a learner got when they joined signs them in again here.
import type { Metadata } from 'next';
import Link from 'next/link';
import { EntryCardPage } from '@/components/entry/entry-card-page';
import styles from '@/components/entry/entry-page.module.css';
import { entryStringsFor } from '@/components/entry/entry-strings';
import { ResumeForm } from '@/components/entry/resume-form';
import { requestLang } from '@/components/i18n/request-lang';

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
    <EntryCardPage
      lang={lang}
      path="/resume"
      title={t.resumeTitle}
      intro={t.resumeIntro}
      after={
        <>
          <p className={styles.aside}>{t.lostCode}</p>
          <p className={styles.aside}>
            {t.newHere} <Link href="/join">{t.joinTitle}</Link>
          </p>
        </>
      }
    >
      <ResumeForm lang={lang} />
    </EntryCardPage>
  );
}
