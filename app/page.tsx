// The course page: a welcome with "Continue" (or "Start"), the lessons to do now with the learner's
// progress, chapters to come.
import { ChapterList } from '@/components/course/chapter-list';
import { ContinueLink } from '@/components/course/continue-link';
import { courseProgress } from '@/components/course/course-progress';
import { courseStringsFor } from '@/components/course/course-strings';
import { requestLang } from '@/components/i18n/request-lang';
import { SiteFooter } from '@/components/site/site-footer';
import { SiteHeader } from '@/components/site/site-header';
import { getServerViewer } from '@/server/auth/server-viewer.ts';
import { getCatalog } from '@/server/lessons/get-catalog.ts';
import { getProgress } from '@/server/progress/get-progress.ts';
import styles from './page.module.css';

export default async function CoursePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const lang = await requestLang(searchParams);
  const t = courseStringsFor(lang);
  const [catalog, viewer] = await Promise.all([getCatalog(lang), getServerViewer()]);
  // The same data as GET /api/progress; a page without progress still works, so a failure stays quiet.
  const progress = viewer ? await getProgress(viewer).catch(() => undefined) : undefined;
  const lessons = catalog.chapters.flatMap((c) =>
    c.lessons.map((l) => ({ id: l.id, title: l.title, exerciseIds: l.exercises.map((e) => e.id) })),
  );
  return (
    <>
      <SiteHeader lang={lang} path="/" />
      <main id="main" className={styles.course}>
        <section className={styles.hero} aria-labelledby="hero-title">
          <h1 id="hero-title" className={styles.title}>
            {t.homeTitle}
          </h1>
          <p className={styles.intro}>{t.homeIntro}</p>
          <ol className={styles.steps} aria-label={t.homeHowTitle}>
            {t.homeHow.map((step, i) => (
              <li key={step}>
                <span className={styles.stepNumber} aria-hidden="true">
                  {i + 1}
                </span>
                {step}
              </li>
            ))}
          </ol>
          <ContinueLink lang={lang} lessons={lessons} className={styles.cta} />
        </section>
        <section aria-label={t.chapters}>
          <ChapterList catalog={catalog} lang={lang} progress={courseProgress(catalog, progress)} />
        </section>
      </main>
      <SiteFooter lang={lang} />
    </>
  );
}
