// A lesson: its prose and exercises beside a live terminal into the learner's sandbox.
import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { neighbours } from '@/components/course/lesson-neighbours';
import { exerciseAnchor } from '@/components/exercise/placed-exercise';
import type { Lang } from '@/components/i18n/lang';
import { requestLang } from '@/components/i18n/request-lang';
import { stringsFor } from '@/components/i18n/strings';
import { LessonContents } from '@/components/lesson/lesson-contents';
import { LessonPager } from '@/components/lesson/lesson-pager';
import { DevReload, LessonProblems } from '@/components/lesson/lesson-problems';
import { LessonProse } from '@/components/lesson/lesson-prose';
import { ClassroomLiveIsland } from '@/components/live-class/classroom-live-island';
import { SandboxPane } from '@/components/sandbox/sandbox-pane';
import { LessonSession } from '@/components/session/lesson-session';
import { SiteHeader } from '@/components/site/site-header';
import { getServerViewer } from '@/server/auth/server-viewer.ts';
import { getLearnerClassroom } from '@/server/classrooms/learner-classroom.ts';
import { courseProblems } from '@/server/lessons/course-problems.ts';
import { splitAtExerciseSlots } from '@/server/lessons/exercise-markers.ts';
import { getCatalog } from '@/server/lessons/get-catalog.ts';
import { getLesson } from '@/server/lessons/get-lesson.ts';
import { isDevMode, lessonReloadSrc } from '@/server/lessons/lesson-events-stream.ts';
import styles from './page.module.css';

// A lesson with this many `##` sections or more gets a table of contents.
const CONTENTS_MIN_SECTIONS = 4;

interface Props {
  params: Promise<{ chapter: string; lesson: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export async function generateMetadata({ params, searchParams }: Props): Promise<Metadata> {
  const [{ chapter, lesson }, lang] = await Promise.all([params, requestLang(searchParams)]);
  const found = await getLesson(`${chapter}/${lesson}`, lang).catch((e: unknown) => {
    if (courseProblems(e)) return undefined;
    throw e;
  });
  return found ? { title: found.title, description: found.summary } : {};
}

// Dev mode: an author's broken edit shows its lint problems instead, and the page reloads when fixed.
async function load(lessonId: string, lang: Lang) {
  try {
    const [lesson, catalog] = await Promise.all([getLesson(lessonId, lang), getCatalog(lang)]);
    return { kind: 'lesson' as const, lesson, catalog };
  } catch (e) {
    const problems = courseProblems(e);
    if (!problems) throw e;
    return { kind: 'problems' as const, problems };
  }
}

export default async function LessonPage({ params, searchParams }: Props) {
  const [{ chapter, lesson: lessonSlug }, lang] = await Promise.all([params, requestLang(searchParams)]);
  const lessonId = `${chapter}/${lessonSlug}`;
  const loaded = await load(lessonId, lang);
  if (loaded.kind === 'problems')
    return <LessonProblems problems={loaded.problems} reloadSrc={await lessonReloadSrc(lessonId)} />;
  const { lesson, catalog } = loaded;
  if (!lesson) notFound();
  const t = stringsFor(lang);
  const { previous, next } = neighbours(catalog, lesson.id);
  const firstExercise = lesson.exercises[0];
  // A learner in a classroom also gets its live widgets; the lesson works the same without them.
  const classroom = await getLearnerClassroom(await getServerViewer()).catch(() => null);

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
          {firstExercise && <a href={`#${exerciseAnchor(firstExercise.id)}`}>{t.jumpExercises}</a>}
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
            {lesson.sections.length >= CONTENTS_MIN_SECTIONS && (
              <LessonContents label={t.lessonContents} sections={lesson.sections} />
            )}
            <LessonProse
              parts={splitAtExerciseSlots(lesson.html)}
              exercises={lesson.exercises}
              lang={lang}
              multiNode={lesson.nodes.length > 1}
            />
          </article>
        </div>
        <section id="terminal-pane" className={styles.terminalPane} aria-label={t.terminalPane} tabIndex={-1}>
          {classroom && (
            <div className={styles.classroomSlot}>
              <ClassroomLiveIsland
                lang={lang}
                classroomId={classroom.classroomId}
                title={classroom.title}
                hand={classroom.hand}
              />
            </div>
          )}
          <SandboxPane />
        </section>
        <div className={styles.exercisePane}>
          <LessonPager t={t} previous={previous} next={next} />
        </div>
      </main>
      {isDevMode() && <DevReload src={await lessonReloadSrc(lesson.id)} />}
    </LessonSession>
  );
}
