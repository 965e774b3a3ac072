// The instructor's classrooms, newest first: each a card with its join code, seats and state, leading to its
// dashboard (/classrooms/[id]). Rendered on the server.
import Link from 'next/link';
import type { ClassroomView } from '../../contract/classrooms';
import type { Lang } from '../i18n/lang';
import { ArrowIcon } from '../ui/icons';
import a11y from '../ui/sr-only.module.css';
import { groupCode } from './access-code';
import styles from './classroom-list.module.css';
import { entryStringsFor } from './entry-strings';

export function ClassroomList({ lang, classrooms }: { lang: Lang; classrooms: readonly ClassroomView[] }) {
  const t = entryStringsFor(lang);
  if (classrooms.length === 0)
    return (
      <p className={styles.empty} data-testid="no-classrooms">
        {t.noClassrooms}
      </p>
    );
  const date = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium' });
  return (
    <ul className={styles.list} data-testid="classroom-list">
      {classrooms.map((c) => {
        const state = c.archived ? 'archived' : c.joinOpen ? 'open' : 'closed';
        return (
          <li key={c.id} className={styles.card} data-testid={`classroom-${c.id}`} data-state={state}>
            <div className={styles.head}>
              <h3 className={styles.title}>
                <Link href={`/classrooms/${c.id}`} className={styles.link}>
                  {c.title}
                </Link>
              </h3>
              <span className={`${styles.state} ${styles[state]}`}>
                {state === 'archived' ? t.archived : state === 'open' ? t.joinOpen : t.joinClosed}
              </span>
            </div>
            <dl className={styles.facts}>
              <div>
                <dt>{t.joinCode}</dt>
                <dd className={styles.code}>{groupCode(c.joinCode)}</dd>
              </div>
              <div>
                <dt className={a11y.srOnly}>{t.learnersLabel}</dt>
                <dd>{t.learners(c.learnerCount, c.learnerCap)}</dd>
              </div>
              <div>
                <dt className={a11y.srOnly}>{t.lessonsLabel}</dt>
                <dd>{t.lessonCount(c.lessonIds.length)}</dd>
              </div>
            </dl>
            <p className={styles.meta}>
              <span>{t.createdOn(date.format(new Date(c.createdAt)))}</span>
              <ArrowIcon className={styles.arrow} />
            </p>
          </li>
        );
      })}
    </ul>
  );
}
