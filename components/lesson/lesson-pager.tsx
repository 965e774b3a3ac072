// Previous / next lesson in course order, under the exercises; nothing when the lesson has neither.
import Link from 'next/link';
import type { CatalogLesson } from '../../contract/public-api';
import type { Strings } from '../i18n/strings';
import { ArrowIcon } from '../ui/icons';
import styles from './lesson-pager.module.css';

export function LessonPager({
  t,
  previous,
  next,
}: {
  t: Strings;
  previous?: CatalogLesson;
  next?: CatalogLesson;
}) {
  if (!previous && !next) return null;
  return (
    <nav className={styles.pager} aria-label={t.course}>
      {previous ? (
        <Link href={`/lessons/${previous.id}`} className={styles.link}>
          <span className={styles.direction}>
            <ArrowIcon direction="left" /> {t.previousLesson}
          </span>
          <span className={styles.title}>{previous.title}</span>
        </Link>
      ) : (
        <span />
      )}
      {next && (
        <Link href={`/lessons/${next.id}`} className={`${styles.link} ${styles.next}`}>
          <span className={styles.direction}>
            {t.nextLesson} <ArrowIcon />
          </span>
          <span className={styles.title}>{next.title}</span>
        </Link>
      )}
    </nav>
  );
}
