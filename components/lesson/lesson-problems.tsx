// Outside production, what a lesson page shows while the course has lint errors (an edit in progress):
// the problems at their file and line. The page reloads by itself once the files are fixed.
import styles from './lesson-problems.module.css';

export function LessonProblems({ problems, reloadSrc }: { problems: readonly string[]; reloadSrc: string }) {
  return (
    <main id="main" className={styles.page}>
      <h1 className={styles.title}>The lessons have problems</h1>
      <p>Fix them and save: this page reloads by itself (dev mode). The same list: ./berth lessons lint</p>
      <ul className={styles.list} data-testid="lesson-problems">
        {problems.map((line) => (
          <li key={line}>
            <code>{line}</code>
          </li>
        ))}
      </ul>
      <DevReload src={reloadSrc} />
    </main>
  );
}

/** Outside production only: the script that reloads an open lesson page when its files change. */
export function DevReload({ src }: { src: string }) {
  return <script src={src} async />;
}
