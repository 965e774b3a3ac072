// The course at a glance: every chapter in order, its lessons as cards, unwritten chapters marked.
import Link from 'next/link';
import type { Catalog } from '../../contract/public-api';
import type { Lang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import { ArrowIcon, ClockIcon } from '../ui/icons';
import { LessonProgress } from './lesson-progress';

export function ChapterList({ catalog, lang }: { catalog: Catalog; lang: Lang }) {
  const t = stringsFor(lang);
  return (
    <ol className="chapters">
      {catalog.chapters.map((chapter, i) => {
        const soon = chapter.comingSoon || chapter.lessons.length === 0;
        const headingId = `chapter-${chapter.id}`;
        return (
          <li
            key={chapter.id}
            className={soon ? 'chapter chapter-soon' : 'chapter'}
            data-chapter={chapter.id}
          >
            <section aria-labelledby={headingId}>
              <div className="chapter-head">
                <span className="chapter-number" aria-hidden="true">
                  {String(i + 1).padStart(2, '0')}
                </span>
                <div className="chapter-text">
                  <h2 id={headingId} className="chapter-title">
                    <span className="sr-only">{t.chapterLabel(i + 1)}: </span>
                    {chapter.title}
                    {soon && <span className="badge badge-soon">{t.comingSoon}</span>}
                  </h2>
                  <p className="chapter-summary">{chapter.summary}</p>
                </div>
              </div>
              {!soon && (
                <ul className="lesson-grid">
                  {chapter.lessons.map((lesson) => (
                    <li key={lesson.id}>
                      <Link href={`/lessons/${lesson.id}`} className="lesson-card">
                        <span className="lesson-card-title">{lesson.title}</span>
                        <span className="lesson-card-summary">{lesson.summary}</span>
                        <span className="lesson-card-meta">
                          <span className="meta-item">
                            <ClockIcon /> {t.minutes(lesson.minutes)}
                          </span>
                          <span className="meta-item">{t.exerciseCount(lesson.exercises.length)}</span>
                          <LessonProgress lang={lang} exerciseIds={lesson.exercises.map((e) => e.id)} />
                          <ArrowIcon className="lesson-card-arrow" />
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
