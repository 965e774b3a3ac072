// The course at a glance: every chapter in order, its lessons as cards, unwritten chapters marked.
import Link from 'next/link';
import type { Catalog } from '../../contract/public-api';
import type { Lang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import { ArrowIcon, ClockIcon } from '../ui/icons';
import a11y from '../ui/sr-only.module.css';
import styles from './chapter-list.module.css';
import { LessonProgress } from './lesson-progress';

export function ChapterList({ catalog, lang }: { catalog: Catalog; lang: Lang }) {
  const t = stringsFor(lang);
  return (
    <ol className={styles.chapters}>
      {catalog.chapters.map((chapter, i) => {
        const soon = chapter.comingSoon || chapter.lessons.length === 0;
        const headingId = `chapter-${chapter.id}`;
        return (
          <li
            key={chapter.id}
            className={soon ? `${styles.chapter} ${styles.soon}` : styles.chapter}
            data-chapter={chapter.id}
          >
            <section aria-labelledby={headingId}>
              <div className={styles.head}>
                <span className={styles.number} aria-hidden="true">
                  {String(i + 1).padStart(2, '0')}
                </span>
                <div className={styles.text}>
                  <h2 id={headingId} className={styles.title}>
                    <span className={a11y.srOnly}>{t.chapterLabel(i + 1)}: </span>
                    {chapter.title}
                    {soon && <span className={styles.badge}>{t.comingSoon}</span>}
                  </h2>
                  <p className={styles.summary}>{chapter.summary}</p>
                </div>
              </div>
              {!soon && (
                <ul className={styles.lessons}>
                  {chapter.lessons.map((lesson) => (
                    <li key={lesson.id}>
                      <Link href={`/lessons/${lesson.id}`} className={styles.card}>
                        <span className={styles.cardTitle}>{lesson.title}</span>
                        <span className={styles.cardSummary}>{lesson.summary}</span>
                        <span className={styles.cardMeta}>
                          <span className={styles.metaItem}>
                            <ClockIcon /> {t.minutes(lesson.minutes)}
                          </span>
                          <span className={styles.metaItem}>{t.exerciseCount(lesson.exercises.length)}</span>
                          <LessonProgress lang={lang} exerciseIds={lesson.exercises.map((e) => e.id)} />
                          <ArrowIcon className={styles.arrow} />
                        </span>
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </li>
        );
      })}
    </ol>
  );
}
