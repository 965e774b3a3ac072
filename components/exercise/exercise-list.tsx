'use client';
// The exercises of a lesson, below its prose.
import type { ExerciseView } from '../../contract/public-api';
import { stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import { ExerciseCard } from './exercise-card';
import styles from './exercise-list.module.css';

export function ExerciseList({ exercises }: { exercises: readonly ExerciseView[] }) {
  const session = useLessonSession();
  const t = stringsFor(session.lang);
  if (exercises.length === 0) return null;
  const showNode = session.lessonNodes.length > 1;
  return (
    <section className={styles.exercises} aria-labelledby="exercises-heading" id="exercises">
      <h2 id="exercises-heading" className={styles.heading}>
        {t.exercises}
      </h2>
      {exercises.map((exercise, i) => (
        <ExerciseCard key={exercise.id} exercise={exercise} index={i} showNode={showNode} />
      ))}
    </section>
  );
}
