// A card of the classroom dashboard: a titled section (the title names it for screen readers), with an
// optional control beside the title.
import type { ReactNode } from 'react';
import styles from './panel.module.css';

export function Panel({
  id,
  title,
  action,
  testId,
  children,
}: {
  /** Unique on the page: the title's id is derived from it. */
  id: string;
  title: ReactNode;
  action?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className={styles.panel} aria-labelledby={`${id}-title`} data-testid={testId}>
      <div className={styles.head}>
        <h2 id={`${id}-title`} className={styles.title}>
          {title}
        </h2>
        {action}
      </div>
      {children}
    </section>
  );
}
