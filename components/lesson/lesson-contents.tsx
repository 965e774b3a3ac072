'use client';
// A long lesson's table of contents: a bar that stays at the top of the prose and opens into the list of
// its `##` sections. It names the section being read; choosing one closes the list.
import { useEffect, useRef, useState } from 'react';
import styles from './lesson-contents.module.css';

export function LessonContents({
  label,
  sections,
}: {
  label: string;
  sections: readonly { id: string; title: string }[];
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const [current, setCurrent] = useState<string>();

  useEffect(() => {
    // The current section is the last one whose heading has scrolled above the upper third of the screen.
    const headings = sections.flatMap(({ id }) => document.getElementById(id) ?? []);
    const onScroll = () => {
      const passed = headings.filter((h) => h.getBoundingClientRect().top < window.innerHeight / 3);
      setCurrent(passed.at(-1)?.id);
    };
    onScroll();
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [sections]);

  const title = sections.find((s) => s.id === current)?.title;
  return (
    <nav className={styles.contents} aria-label={label} data-testid="lesson-contents">
      <details ref={ref} className={styles.details}>
        <summary className={styles.summary}>
          <span className={styles.label}>{label}</span>
          {title && <span className={styles.current}>{title}</span>}
        </summary>
        <ol className={styles.list}>
          {sections.map((s) => (
            <li key={s.id}>
              <a
                href={`#${s.id}`}
                aria-current={s.id === current ? 'location' : undefined}
                onClick={() => ref.current?.removeAttribute('open')}
              >
                {s.title}
              </a>
            </li>
          ))}
        </ol>
      </details>
    </nav>
  );
}
