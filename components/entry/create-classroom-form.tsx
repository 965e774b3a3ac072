'use client';
// A new classroom: a title, its lessons picked by chapter, an optional learner cap (and, where the server
// takes one, a sandbox time limit) → POST /api/classrooms → its dashboard. Lessons go in course order.
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { isApiError } from '../api/berth-api';
import { classroomApi, type NewClassroom } from '../api/classroom-api';
import type { Lang } from '../i18n/lang';
import { useTypedBeforeHydration } from '../ui/hydration';
import { ChapterPicker, type PickerChapter } from './chapter-picker';
import styles from './create-classroom-form.module.css';
import { entryErrorText } from './entry-error';
import { entryStringsFor } from './entry-strings';
import { FieldError, FormError } from './form-error';
import fields from './form-field.module.css';
import { SubmitButton } from './submit-button';

const TITLE_MAX = 100;
const CAP_MAX = 1000;

type Field = 'title' | 'lessons' | 'cap' | 'minutes';

/** A whole number in [1, max] from a text field; '' → undefined; anything else → NaN. */
function wholeNumber(text: string, max: number): number | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  const n = Number(trimmed);
  return /^\d+$/.test(trimmed) && n >= 1 && n <= max ? n : Number.NaN;
}

export function CreateClassroomForm({
  lang,
  chapters,
  maxSandboxMinutes,
}: {
  lang: Lang;
  chapters: readonly PickerChapter[];
  /** The host's sandbox time to live; undefined = the server takes no time limit per classroom. */
  maxSandboxMinutes?: number;
}) {
  const t = entryStringsFor(lang);
  const router = useRouter();
  const id = useId();
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set());
  const [cap, setCap] = useState('');
  const [minutes, setMinutes] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const formRef = useTypedBeforeHydration({
    title: setTitle,
    learnerCap: setCap,
    sandboxMinutes: setMinutes,
  });
  const ids: Record<Field, string> = {
    title: `${id}-title`,
    lessons: `${id}-lessons`,
    cap: `${id}-cap`,
    minutes: `${id}-minutes`,
  };

  function validate(): { body?: NewClassroom; problems: Partial<Record<Field, string>> } {
    const problems: Partial<Record<Field, string>> = {};
    const trimmed = title.trim();
    if (!trimmed) problems.title = t.titleRequired;
    // Course order, whatever order they were ticked in: learners start with the first.
    const lessonIds = chapters.flatMap((c) => c.lessons.map((l) => l.id)).filter((l) => chosen.has(l));
    if (lessonIds.length === 0) problems.lessons = t.lessonsRequired;
    const learnerCap = wholeNumber(cap, CAP_MAX);
    if (Number.isNaN(learnerCap)) problems.cap = t.capInvalid;
    const sandboxMinutes = maxSandboxMinutes ? wholeNumber(minutes, maxSandboxMinutes) : undefined;
    if (maxSandboxMinutes && Number.isNaN(sandboxMinutes))
      problems.minutes = t.minutesInvalid(maxSandboxMinutes);
    if (Object.keys(problems).length) return { problems };
    return {
      problems,
      body: {
        title: trimmed,
        lessonIds,
        ...(learnerCap === undefined ? {} : { learnerCap }),
        ...(sandboxMinutes === undefined ? {} : { sandboxMinutes }),
      },
    };
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const { body, problems } = validate();
    setErrors(problems);
    setFormError(undefined);
    if (!body) {
      const first = (['title', 'lessons', 'cap', 'minutes'] as const).find((f) => problems[f]);
      if (first) document.getElementById(first === 'lessons' ? `${ids.lessons}-c0` : ids[first])?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await classroomApi.create(body);
      router.push(`/classrooms/${created.id}`);
    } catch (err) {
      setFormError(
        isApiError(err) && err.status === 401 ? t.notInstructor : entryErrorText(err, t, 'signin'),
      );
      setBusy(false);
    }
  }

  const describe = (f: Field, hint?: string) =>
    [hint, errors[f] ? `${ids[f]}-error` : undefined].filter(Boolean).join(' ') || undefined;

  return (
    <form
      ref={formRef}
      className={fields.form}
      onSubmit={onSubmit}
      noValidate
      data-testid="create-classroom-form"
    >
      <div className={fields.field}>
        <label htmlFor={ids.title} className={fields.label}>
          {t.titleLabel}
        </label>
        <input
          id={ids.title}
          name="title"
          className={fields.input}
          maxLength={TITLE_MAX}
          placeholder={t.titlePlaceholder}
          autoComplete="off"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={errors.title ? true : undefined}
          aria-describedby={describe('title')}
          disabled={busy}
        />
        <FieldError id={`${ids.title}-error`} message={errors.title} />
      </div>

      <ChapterPicker
        lang={lang}
        idBase={ids.lessons}
        chapters={chapters}
        chosen={chosen}
        onChange={setChosen}
        error={errors.lessons}
        disabled={busy}
      />

      <div className={styles.numbers}>
        <div className={fields.field}>
          <label htmlFor={ids.cap} className={fields.label}>
            {t.capLabel}
            <span className={fields.optional}>({t.optional})</span>
          </label>
          <input
            id={ids.cap}
            name="learnerCap"
            className={`${fields.input} ${styles.number}`}
            inputMode="numeric"
            autoComplete="off"
            value={cap}
            onChange={(e) => setCap(e.target.value)}
            aria-invalid={errors.cap ? true : undefined}
            aria-describedby={describe('cap', `${ids.cap}-hint`)}
            disabled={busy}
          />
          <p id={`${ids.cap}-hint`} className={fields.hint}>
            {t.capHint}
          </p>
          <FieldError id={`${ids.cap}-error`} message={errors.cap} />
        </div>
        {maxSandboxMinutes !== undefined && (
          <div className={fields.field}>
            <label htmlFor={ids.minutes} className={fields.label}>
              {t.minutesLabel}
              <span className={fields.optional}>({t.optional})</span>
            </label>
            <input
              id={ids.minutes}
              name="sandboxMinutes"
              className={`${fields.input} ${styles.number}`}
              inputMode="numeric"
              autoComplete="off"
              placeholder={String(maxSandboxMinutes)}
              value={minutes}
              onChange={(e) => setMinutes(e.target.value)}
              aria-invalid={errors.minutes ? true : undefined}
              aria-describedby={describe('minutes', `${ids.minutes}-hint`)}
              disabled={busy}
            />
            <p id={`${ids.minutes}-hint`} className={fields.hint}>
              {t.minutesHint(maxSandboxMinutes)}
            </p>
            <FieldError id={`${ids.minutes}-error`} message={errors.minutes} />
          </div>
        )}
      </div>

      <FormError id={`${id}-form-error`} message={formError} />
      <SubmitButton busy={busy} label={t.create} busyLabel={t.creating} />
    </form>
  );
}
