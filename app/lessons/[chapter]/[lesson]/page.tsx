// A lesson: its prose and exercises beside a live terminal into the learner's sandbox.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { neighbours } from '@/components/course/lesson-neighbours';
import { ExerciseList } from '@/components/exercise/exercise-list';
import { requestLang } from '@/components/i18n/request-lang';
import { stringsFor } from '@/components/i18n/strings';
import { LessonPager } from '@/components/lesson/lesson-pager';
import { RunnableProse } from '@/components/lesson/runnable-prose';
import { SandboxPane } from '@/components/sandbox/sandbox-pane';
import { LessonSession } from '@/components/session/lesson-session';
import { SiteHeader } from '@/components/site/site-header';
import { getCatalog } from '@/server/lessons/get-catalog.ts';
import { getLesson } from '@/server/lessons/get-lesson.ts';
import styles from './page.module.css';

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
    <LessonSession
      key={lesson.id}
      lang={lang}
      lessonId={lesson.id}
      nodes={lesson.nodes}
      editorPath={lesson.editorPath}
    >
      <SiteHeader
        lang={lang}
        path={`/lessons/${lesson.id}`}
        compact
        skipTo={{ href: '#terminal-pane', label: t.skipToSandbox }}
        crumbs={[{ label: t.course, href: '/' }, { label: lesson.chapterTitle }, { label: lesson.title }]}
      />
      <main id="main" className={styles.workspace}>
        {/* Narrow screens stack the panes: this bar stays on top and leads to each of them. */}
        <nav className={styles.jumpBar} aria-label={t.jumpNav}>
          <a href="#lesson-top">{t.jumpLesson}</a>
          <a href="#terminal-pane" className={styles.jumpPrimary}>
            {t.jumpTerminal} <span aria-hidden="true">↓</span>
          </a>
          {lesson.exercises.length > 0 && <a href="#exercises">{t.jumpExercises}</a>}
        </nav>
        <div className={styles.lessonPane} id="lesson-top" tabIndex={-1}>
          <article className={styles.lesson} aria-labelledby="lesson-title">
            <header className={styles.header}>
              <p className={styles.eyebrow}>{lesson.chapterTitle}</p>
              <h1 id="lesson-title" className={styles.title}>
                {lesson.title}
              </h1>
              <p className={styles.summary}>{lesson.summary}</p>
              <p className={styles.meta}>{t.lessonMeta(lesson.minutes, lesson.exercises.length)}</p>
            </header>
            <RunnableProse>
              {/* biome-ignore lint/security/noDangerouslySetInnerHtml: lesson HTML is rendered by Berth from the course's own Markdown at load time (trusted). */}
              <div dangerouslySetInnerHTML={{ __html: lesson.html }} />
            </RunnableProse>
          </article>
        </div>
        <section id="terminal-pane" className={styles.terminalPane} aria-label={t.terminalPane} tabIndex={-1}>
          <SandboxPane />
        </section>
        <div className={styles.exercisePane}>
          <ExerciseList exercises={lesson.exercises} />
          <LessonPager t={t} previous={previous} next={next} />
        </div>
      </main>
    </LessonSession>
  );
}
