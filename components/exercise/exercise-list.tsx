'use client';
// The exercises of a lesson, below its prose.
import { useCallback, useState } from 'react';
import type { ExerciseView } from '../../contract/public-api';
import { stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import a11y from '../ui/sr-only.module.css';
import { ExerciseCard } from './exercise-card';
import styles from './exercise-list.module.css';

export function ExerciseList({ exercises }: { exercises: readonly ExerciseView[] }) {
  const session = useLessonSession();
  const t = stringsFor(session.lang);
  // One live region for every check of the page, in the DOM before any result (so it is announced).
  const [said, setSaid] = useState({ text: '', n: 0 });
  const announce = useCallback((text: string) => setSaid((s) => ({ text, n: s.n + 1 })), []);
  if (exercises.length === 0) return null;
  const showNode = session.lessonNodes.length > 1;
  return (
    <section className={styles.exercises} aria-labelledby="exercises-heading" id="exercises">
      <h2 id="exercises-heading" className={styles.heading}>
        {t.exercises}
      </h2>
      {exercises.map((exercise, i) => (
        <ExerciseCard
          key={exercise.id}
          exercise={exercise}
          index={i}
          showNode={showNode}
          announce={announce}
        />
      ))}
      <div className={a11y.srOnly} role="status" aria-live="polite" data-testid="check-announcer">
        {/* Keyed by count: the same words twice (two failed checks in a row) are announced twice. */}
        <span key={said.n}>{said.text}</span>
      </div>
    </section>
  );
}
