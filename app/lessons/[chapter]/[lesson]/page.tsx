// A lesson: its prose and exercises beside a live terminal into the learner's sandbox.
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { neighbours } from '@/components/course/lesson-neighbours';
import { ExerciseList } from '@/components/exercise/exercise-list';
import { requestLang } from '@/components/i18n/request-lang';
import { stringsFor } from '@/components/i18n/strings';
import { RunnableProse } from '@/components/lesson/runnable-prose';
import { SandboxPane } from '@/components/sandbox/sandbox-pane';
import { LessonSession } from '@/components/session/lesson-session';
import { SiteHeader } from '@/components/site/site-header';
import { ArrowIcon } from '@/components/ui/icons';
import { getCatalog } from '@/server/lessons/get-catalog.ts';
import { getLesson } from '@/server/lessons/get-lesson.ts';

interface Props {
  params: Promise<{ chapter: string; lesson: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ chapter, lesson }, lang] = await Promise.all([params, requestLang(searchParams)]);
  const found = await getLesson(`${chapter}/${lesson}`, lang);
  return found ? { title: found.title, description: found.summary } : {};
}

export default async function LessonPage({ params, searchParams }: Props) {
  const [{ chapter, lesson: lessonSlug }, lang] = await Promise.all([params, requestLang(searchParams)]);
  const lessonId = `${chapter}/${lessonSlug}`;
  const [lesson, catalog] = await Promise.all([getLesson(lessonId, lang), getCatalog(lang)]);
  if (!lesson) notFound();
  const t = stringsFor(lang);
  const { previous, next } = neighbours(catalog, lesson.id);

  return (
    <LessonSession key={lesson.id} lang={lang} lessonId={lesson.id} nodes={lesson.nodes}>
      <SiteHeader
        lang={lang}
        path={`/lessons/${lesson.id}`}
        compact
        crumbs={[{ label: t.course, href: '/' }, { label: lesson.chapterTitle }, { label: lesson.title }]}
      />
      <main id="main" className="workspace">
        <div className="lesson-pane">
          <article className="lesson" aria-labelledby="lesson-title">
            <header className="lesson-header">
              <p className="eyebrow">{lesson.chapterTitle}</p>
              <h1 id="lesson-title" className="lesson-title">
                {lesson.title}
              </h1>
              <p className="lesson-summary">{lesson.summary}</p>
              <p className="lesson-meta">{t.lessonMeta(lesson.minutes, lesson.exercises.length)}</p>
            </header>
            <RunnableProse>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: lesson HTML is rendered by Berth from the course's own Markdown at load time (trusted). */}
              <div dangerouslySetInnerHTML={{ __html: lesson.html }} />
            </RunnableProse>
          </article>
        </div>
        <section id="terminal-pane" className="terminal-pane" aria-label={t.terminalPane}>
          <SandboxPane />
        </section>
        <div className="exercise-pane">
          <ExerciseList exercises={lesson.exercises} />
          {(previous || next) && (
            <nav className="pager" aria-label={t.course}>
              {previous ? (
                <Link href={`/lessons/${previous.id}`} className="pager-link pager-prev">
                  <span className="pager-dir">
                    <ArrowIcon direction="left" /> {t.previousLesson}
                  </span>
                  <span className="pager-title">{previous.title}</span>
                </Link>
              ) : (
                <span />
              )}
              {next && (
                <Link href={`/lessons/${next.id}`} className="pager-link pager-next">
                  <span className="pager-dir">
                    {t.nextLesson} <ArrowIcon />
                  </span>
                  <span className="pager-title">{next.title}</span>
                </Link>
              )}
            </nav>
          )}
        </div>
      </main>
    </LessonSession>
  );
}
