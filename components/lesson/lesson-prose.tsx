// The lesson's prose with each exercise where its marker put it (the parts come from the server's
// splitAtExerciseSlots). Exercises without a place in the text (none, once lint passes) follow it.
import type { ExerciseView } from '../../contract/public-api';
import { CheckAnnouncer } from '../exercise/check-announcer';
import { PlacedExercise } from '../exercise/placed-exercise';
import type { Lang } from '../i18n/lang';
import { RunnableProse } from './runnable-prose';
import styles from './runnable-prose.module.css';

/** As server/lessons/exercise-markers.ts splits the prose: HTML runs and exercise places (short ids). */
export type ProsePart = { kind: 'html'; html: string } | { kind: 'exercise'; id: string };

export function LessonProse({
  parts,
  exercises,
  lang,
  multiNode,
}: {
  parts: readonly ProsePart[];
  exercises: readonly ExerciseView[];
  lang: Lang;
  multiNode: boolean;
}) {
  const byShortId = new Map(exercises.map((e) => [e.id.split('/').pop(), e]));
  const placed = parts.flatMap((p) => (p.kind === 'exercise' && byShortId.has(p.id) ? [p.id] : []));
  const rest = exercises.filter((e) => !placed.includes(e.id.split('/').pop()!));
  const order = [...placed.map((id) => byShortId.get(id)!), ...rest];
  const panel = (exercise: ExerciseView) => (
    <PlacedExercise
      key={exercise.id}
      exercise={exercise}
      index={order.indexOf(exercise)}
      lang={lang}
      multiNode={multiNode}
    />
  );
  return (
    <CheckAnnouncer>
      <RunnableProse>
        {parts.map((part, i) => {
          if (part.kind === 'exercise') {
            const exercise = byShortId.get(part.id);
            return exercise ? panel(exercise) : null;
          }
          return (
            // biome-ignore lint/security/noDangerouslySetInnerHtml: lesson HTML is rendered by Berth from the course's own Markdown at load time (trusted).
            // biome-ignore lint/suspicious/noArrayIndexKey: the parts are fixed for the page's life.
            <div key={i} className={styles.prose} dangerouslySetInnerHTML={{ __html: part.html }} />
          );
        })}
        {rest.map(panel)}
      </RunnableProse>
    </CheckAnnouncer>
  );
}
