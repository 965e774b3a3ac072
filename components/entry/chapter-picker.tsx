'use client';
// The lessons of a new classroom, picked by chapter: a checkbox per lesson, and per chapter one that picks
// or clears all of it (mixed when only some are picked). The count of picked lessons is announced politely.
import { useEffect, useRef } from 'react';
import type { Lang } from '../i18n/lang';
import styles from './chapter-picker.module.css';
import { entryStringsFor } from './entry-strings';
import { FieldError } from './form-error';
import fields from './form-field.module.css';

export interface PickerChapter {
  id: string;
  title: string;
  lessons: readonly { id: string; title: string }[];
}

function ChapterBox({
  label,
  checked,
  mixed,
  disabled,
  onChange,
  id,
}: {
  label: string;
  checked: boolean;
  mixed: boolean;
  disabled: boolean;
  onChange: (checked: boolean) => void;
  id: string;
}) {
  const ref = useRef<HTMLInputElement>(null);
  // `indeterminate` is a property only, never an attribute.
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = mixed;
  }, [mixed]);
  return (
    <input
      ref={ref}
      id={id}
      type="checkbox"
      aria-label={label}
      checked={checked}
      disabled={disabled}
      onChange={(e) => onChange(e.target.checked)}
    />
  );
}

export function ChapterPicker({
  lang,
  idBase,
  chapters,
  chosen,
  onChange,
  error,
  disabled,
}: {
  lang: Lang;
  /** ids: `${idBase}-c0` is the first chapter's checkbox (focused when nothing is picked), `${idBase}-error` the error. */
  idBase: string;
  chapters: readonly PickerChapter[];
  chosen: ReadonlySet<string>;
  onChange: (chosen: ReadonlySet<string>) => void;
  error?: string;
  disabled: boolean;
}) {
  const t = entryStringsFor(lang);
  const set = (ids: readonly string[], on: boolean) => {
    const next = new Set(chosen);
    for (const id of ids) {
      if (on) next.add(id);
      else next.delete(id);
    }
    onChange(next);
  };
  return (
    <fieldset
      className={styles.picker}
      aria-describedby={[`${idBase}-hint`, error ? `${idBase}-error` : ''].join(' ').trim()}
      aria-invalid={error ? true : undefined}
      data-testid="lesson-picker"
    >
      <legend className={fields.label}>{t.lessonsLabel}</legend>
      <p id={`${idBase}-hint`} className={fields.hint}>
        {t.lessonsHint}
      </p>
      <div className={error ? `${styles.chapters} ${styles.invalid}` : styles.chapters}>
        {chapters.map((chapter, ci) => {
          const ids = chapter.lessons.map((l) => l.id);
          const picked = ids.filter((l) => chosen.has(l)).length;
          return (
            <fieldset key={chapter.id} className={styles.chapter} data-chapter={chapter.id}>
              <legend className={styles.chapterLegend}>
                <label className={styles.check} htmlFor={`${idBase}-c${ci}`}>
                  <ChapterBox
                    id={`${idBase}-c${ci}`}
                    label={t.wholeChapter(chapter.title)}
                    checked={picked === ids.length}
                    mixed={picked > 0 && picked < ids.length}
                    disabled={disabled}
                    onChange={(on) => set(ids, on)}
                  />
                  <span className={styles.chapterTitle}>{chapter.title}</span>
                  <span className={styles.chapterCount} aria-hidden="true">
                    {picked}/{ids.length}
                  </span>
                </label>
              </legend>
              <ul className={styles.lessons}>
                {chapter.lessons.map((lesson) => (
                  <li key={lesson.id}>
                    <label className={styles.check}>
                      <input
                        type="checkbox"
                        name="lessonIds"
                        value={lesson.id}
                        checked={chosen.has(lesson.id)}
                        disabled={disabled}
                        onChange={(e) => set([lesson.id], e.target.checked)}
                      />
                      <span>{lesson.title}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          );
        })}
      </div>
      <p className={styles.summary} aria-live="polite" data-testid="lessons-chosen">
        {t.lessonsChosen(chosen.size)}
      </p>
      <FieldError id={`${idBase}-error`} message={error} />
    </fieldset>
  );
}
