'use client';
// A task the learner answers: its title as the legend, then radio buttons (one right choice), checkboxes
// (several) or a text field. Controlled by the exercise card, so answers stay while results come and go.
import type { QuestionView } from '../../contract/public-api';
import { InlineCode } from '../ui/inline-code';
import styles from './exercise-card.module.css';

export type AnswerValue = string | string[];

export function QuestionFields({
  id,
  title,
  question,
  value,
  onChange,
}: {
  /** Unique on the page: names the radio group and labels the text field. */
  id: string;
  title: string;
  question: QuestionView;
  value: AnswerValue | undefined;
  onChange: (value: AnswerValue) => void;
}) {
  const picked = Array.isArray(value) ? value : [];
  return (
    <fieldset className={styles.question}>
      <legend id={`${id}q`} className={styles.taskTitle}>
        <InlineCode text={title} />
      </legend>
      {'typed' in question ? (
        <input
          type="text"
          className={styles.answer}
          maxLength={200}
          autoComplete="off"
          spellCheck={false}
          aria-labelledby={`${id}q`}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        question.choices.map((c) => (
          <label key={c.id} className={styles.choice}>
            <input
              type={question.multiple ? 'checkbox' : 'radio'}
              name={id}
              value={c.id}
              checked={picked.includes(c.id)}
              onChange={(e) =>
                onChange(
                  !question.multiple
                    ? [c.id]
                    : e.target.checked
                      ? [...picked, c.id]
                      : picked.filter((x) => x !== c.id),
                )
              }
            />
            <InlineCode text={c.label} />
          </label>
        ))
      )}
    </fieldset>
  );
}
