// The course at a glance: the chapters with lessons first, their lessons as cards, each with the
// learner's progress; chapters not written yet (no lessons) after them in a compact list.
import Link from 'next/link';
import type { Catalog } from '../../contract/public-api';
import type { Lang } from '../i18n/lang';
import { ArrowIcon, ClockIcon } from '../ui/icons';
import a11y from '../ui/sr-only.module.css';
import styles from './chapter-list.module.css';
import type { CourseProgress } from './course-progress';
import { courseStringsFor } from './course-strings';
import { ChapterProgress, LessonProgress } from './lesson-progress';

export function ChapterList({
  catalog,
  lang,
  progress,
}: {
  catalog: Catalog;
  lang: Lang;
  /** The learner's progress; none for a guest who has not checked anything. */
  progress?: CourseProgress;
}) {
  const t = courseStringsFor(lang);
  // Numbered as in the course; what can be done now comes first, chapters not written yet after it, small.
  const numbered = catalog.chapters.map((chapter, i) => ({ chapter, number: i + 1 }));
  const isSoon = (c: Catalog['chapters'][number]) => c.comingSoon || c.lessons.length === 0;
  const available = numbered.filter(({ chapter }) => !isSoon(chapter));
  const soon = numbered.filter(({ chapter }) => isSoon(chapter));
  return (
    <>
      <h2 className={styles.groupTitle}>{t.availableNow}</h2>
      <ol className={styles.chapters}>
        {available.map(({ chapter, number }) => {
          const headingId = `chapter-${chapter.id}`;
          return (
            <li key={chapter.id} className={styles.chapter} data-chapter={chapter.id}>
              <section aria-labelledby={headingId}>
                <div className={styles.head}>
                  <span className={styles.number} aria-hidden="true">
                    {String(number).padStart(2, '0')}
                  </span>
                  <div className={styles.text}>
                    <h3 id={headingId} className={styles.title}>
                      <span className={a11y.srOnly}>{t.chapterLabel(number)}: </span>
                      {chapter.title}
                    </h3>
                    <p className={styles.summary}>{chapter.summary}</p>
                    {progress?.chapters.get(chapter.id) && (
                      <ChapterProgress progress={progress.chapters.get(chapter.id)!} t={t} />
                    )}
                  </div>
                </div>
                <ul className={styles.lessons}>
                  {chapter.lessons.map((lesson) => (
                    <li key={lesson.id} data-lesson={lesson.id}>
                      <Link href={`/lessons/${lesson.id}`} className={styles.card}>
                        <span className={styles.cardTitle}>{lesson.title}</span>
                        <span className={styles.cardSummary}>{lesson.summary}</span>
                        <span className={styles.cardMeta}>
                          <span className={styles.metaItem}>
                            <ClockIcon /> {t.minutes(lesson.minutes)}
                          </span>
                          <span className={styles.metaItem}>{t.exerciseCount(lesson.exercises.length)}</span>
                          {progress?.lessons.get(lesson.id) && (
                            <LessonProgress progress={progress.lessons.get(lesson.id)!} t={t} />
                          )}
                          <ArrowIcon className={styles.arrow} />
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            </li>
          );
        })}
      </ol>
      {soon.length > 0 && (
        <section aria-labelledby="chapters-soon" className={styles.soonGroup}>
          <h2 id="chapters-soon" className={styles.groupTitle}>
            {t.comingSoon}
          </h2>
          <ol className={styles.soonList}>
            {soon.map(({ chapter, number }) => (
              <li key={chapter.id} className={styles.soonItem} data-chapter={chapter.id}>
                <span className={styles.number} aria-hidden="true">
                  {String(number).padStart(2, '0')}
                </span>
                <span className={styles.soonText}>
                  <span className={styles.soonTitle}>
                    <span className={a11y.srOnly}>{t.chapterLabel(number)}: </span>
                    {chapter.title}
                  </span>
                  <span className={styles.soonSummary}>{chapter.summary}</span>
                </span>
              </li>
            ))}
          </ol>
        </section>
      )}
    </>
  );
}
