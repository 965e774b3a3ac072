// An exercise in the middle of the prose: a strip that says which terminal to use (beside the prose on a
// wide screen, below it on a phone) above its panel, where Check is.
import type { ExerciseView } from '../../contract/public-api';
import type { Lang } from '../i18n/lang';
import { ExercisePanel } from './exercise-panel';
import styles from './placed-exercise.module.css';

const words: Record<
  Lang,
  { beside: (node?: string) => string; below: (node?: string) => string; go: string }
> = {
  en: {
    beside: (node) => `Do it in the terminal on the right${node ? ` (${node})` : ''}, then press Check.`,
    below: (node) => `Do it in the terminal${node ? ` (${node})` : ''}, then come back and press Check.`,
    go: 'Terminal',
  },
  zh: {
    beside: (node) => `在右侧的终端${node ? `（${node}）` : ''}中完成，然后点击检查（Check）。`,
    below: (node) => `在终端${node ? `（${node}）` : ''}中完成，再回到这里点击检查（Check）。`,
    go: '终端',
  },
};

export function exerciseAnchor(exerciseId: string): string {
  return `exercise-${exerciseId.split('/').pop()}`;
}

export function PlacedExercise({
  exercise,
  index,
  lang,
  multiNode,
}: {
  exercise: ExerciseView;
  index: number;
  lang: Lang;
  multiNode: boolean;
}) {
  const w = words[lang];
  const node = multiNode ? exercise.node : undefined;
  return (
    <div className={styles.placed} id={exerciseAnchor(exercise.id)}>
      {/* A pure quiz is answered right here: no terminal to point at. */}
      {!exercise.quiz && (
        <p className={styles.where}>
          <span className={styles.beside}>
            {w.beside(node)} <span aria-hidden="true">→</span>
          </span>
          <span className={styles.below}>
            {w.below(node)}{' '}
            <a href="#terminal-pane" className={styles.go}>
              {w.go} <span aria-hidden="true">↓</span>
            </a>
          </span>
        </p>
      )}
      <ExercisePanel exercise={exercise} index={index} showNode={multiNode} />
    </div>
  );
}
