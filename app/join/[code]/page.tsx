// Joining a class, step two (the link and QR code of a classroom lead here): pick a display name, get the
// resume code once, go on to the first lesson. The page itself never says whether the code exists: only the
// rate-limited join does.
import type { Metadata } from 'next';
import { groupCode, normalizeCode } from '@/components/entry/access-code';
import styles from '@/components/entry/entry-page.module.css';
import { entryStringsFor } from '@/components/entry/entry-strings';
import { JoinNameForm } from '@/components/entry/join-name-form';
import { requestLang } from '@/components/i18n/request-lang';
import { SiteHeader } from '@/components/site/site-header';
import { getServerViewer } from '@/server/auth/server-viewer.ts';
import { getLearnerClassroom } from '@/server/classrooms/learner-classroom.ts';
import { getCatalog } from '@/server/lessons/get-catalog.ts';

interface Props {
  params: Promise<{ code: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  return { title: entryStringsFor(await requestLang(searchParams)).joinTitle };
}

export default async function JoinWithCodePage({ params, searchParams }: Props) {
  const [{ code: raw }, lang, viewer] = await Promise.all([
    params,
    requestLang(searchParams),
    getServerViewer(),
  ]);
  // At most what a code can be: a longer path segment is no code, and is not echoed back at length.
  const code = normalizeCode(decodeURIComponent(raw)).slice(0, 64);
  const [catalog, mine] = await Promise.all([
    getCatalog(lang),
    getLearnerClassroom(viewer).catch(() => null),
  ]);
  const lessonTitles = Object.fromEntries(
    catalog.chapters.flatMap((c) => c.lessons.map((l) => [l.id, l.title] as const)),
  );
  return (
    <>
      <SiteHeader lang={lang} path={`/join/${code}`} />
      <main id="main" className={styles.page}>
        <JoinNameForm
          lang={lang}
          code={code}
          groupedCode={groupCode(code)}
          lessonTitles={lessonTitles}
          already={
            viewer && mine
              ? { title: mine.title, name: viewer.name, firstLessonId: mine.lessonIds[0] }
              : undefined
          }
        />
      </main>
    </>
  );
}
