// Instructor sign-in (email and password). An instructor who is signed in already goes on to their classrooms.
import type { Metadata } from 'next';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { EntryCardPage } from '@/components/entry/entry-card-page';
import styles from '@/components/entry/entry-page.module.css';
import { entryStringsFor } from '@/components/entry/entry-strings';
import { safeNextPath } from '@/components/entry/safe-next-path';
import { SignInForm } from '@/components/entry/sign-in-form';
import { requestLang } from '@/components/i18n/request-lang';
import { getServerViewer } from '@/server/auth/server-viewer.ts';

interface Props {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: entryStringsFor(await requestLang(searchParams)).signInTitle };
}

export default async function SignInPage({ searchParams }: Props) {
  const [lang, params, viewer] = await Promise.all([
    requestLang(searchParams),
    searchParams,
    getServerViewer(),
  ]);
  const next = safeNextPath(params.next, '/classrooms');
  if (viewer?.role === 'instructor') redirect(next);
  const t = entryStringsFor(lang);
  return (
    <EntryCardPage
      lang={lang}
      path="/signin"
      title={t.signInTitle}
      intro={t.signInIntro}
      after={
        <>
          <p className={styles.aside}>
            {t.learnerHere} <Link href="/join">{t.joinWithCode}</Link>
          </p>
          <p className={styles.aside}>{t.noAccount}</p>
        </>
      }
    >
      {viewer?.role === 'learner' && <p className={styles.note}>{t.signedInAsLearner(viewer.name)}</p>}
      <SignInForm lang={lang} next={next} />
    </EntryCardPage>
  );
}
