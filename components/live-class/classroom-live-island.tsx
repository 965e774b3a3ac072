'use client';
// Where a classroom learner's widgets go on the lesson page. The page renders this only for a learner in a
// classroom, and the widgets' code (event stream, forms, strings) loads after the page, never for anyone else:
// the lesson page's first-load JavaScript has a budget (bench/page-weight.ts).
import dynamic from 'next/dynamic';
import type { ClassroomLiveProps } from './classroom-live';
import styles from './classroom-live-island.module.css';

const ClassroomLive = dynamic(() => import('./classroom-live'), {
  ssr: false,
  // Holds the bar's place while its code loads, so the terminal below does not jump.
  loading: () => <div className={styles.placeholder} />,
});

export function ClassroomLiveIsland(props: ClassroomLiveProps) {
  return <ClassroomLive {...props} />;
}
