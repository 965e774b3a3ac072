// Joining a class, step one: type the code the instructor gave (the link /join/CODE skips this step).
import type { Metadata } from 'next';
import Link from 'next/link';
import { EntryCardPage } from '@/components/entry/entry-card-page';
import styles from '@/components/entry/entry-page.module.css';
import { entryStringsFor } from '@/components/entry/entry-strings';
import { JoinCodeForm } from '@/components/entry/join-code-form';
import { requestLang } from '@/components/i18n/request-lang';

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
    <EntryCardPage
      lang={lang}
      path="/join"
      title={t.joinTitle}
      intro={t.joinIntro}
      after={
        <p className={styles.aside}>
          {t.haveResumeCode} <Link href="/resume">{t.resumeLink}</Link>
        </p>
      }
    >
      <JoinCodeForm lang={lang} />
    </EntryCardPage>
  );
}
