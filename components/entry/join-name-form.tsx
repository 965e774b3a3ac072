'use client';
// /join/CODE: the learner picks a display name → POST /api/classrooms/join → their resume code, shown this
// once, then on to the classroom's first lesson. A learner already in a class on this browser is offered to
// carry on instead of joining twice.
import Link from 'next/link';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { JoinReply } from '../../contract/classrooms';
import { GUEST_NAME_MAX } from '../../contract/public-api';
import { classroomApi } from '../api/classroom-api';
import type { Lang } from '../i18n/lang';
import { useViewer } from '../session/viewer-provider';
import buttons from '../ui/button.module.css';
import { useTypedBeforeHydration } from '../ui/hydration';
import { ArrowIcon } from '../ui/icons';
import { entryErrorText } from './entry-error';
import styles from './entry-page.module.css';
import { entryStringsFor } from './entry-strings';
import { FormError } from './form-error';
import fields from './form-field.module.css';
import { learnerNameProblem } from './learner-name-problem';
import { ResumeCodeCard } from './resume-code-card';
import { SubmitButton } from './submit-button';

export interface AlreadyJoined {
  title: string;
  name: string;
  firstLessonId?: string;
}

export function JoinNameForm({
  lang,
  code,
  groupedCode,
  lessonTitles,
  already,
}: {
  lang: Lang;
  code: string;
  groupedCode: string;
  /** Lesson id → title, for the button that leads on to the first lesson. */
  lessonTitles: Readonly<Record<string, string>>;
  already?: AlreadyJoined;
}) {
  const t = entryStringsFor(lang);
  const { refresh } = useViewer();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [joined, setJoined] = useState<JoinReply | undefined>();
  const [joinAnyway, setJoinAnyway] = useState(false);
  const id = useId();
  const titleRef = useRef<HTMLHeadingElement>(null);
  const formRef = useTypedBeforeHydration({ name: setName });

  useEffect(() => {
    if (joined) titleRef.current?.focus();
  }, [joined]);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const problem = learnerNameProblem(name, t);
    if (problem) {
      setError(problem);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const reply = await classroomApi.join(code, name.trim());
      setJoined(reply);
      refresh();
    } catch (err) {
      setError(entryErrorText(err, t, 'join'));
      setBusy(false);
    }
  }

  if (joined) {
    const first = joined.lessonIds[0];
    return (
      <section
        className={`${styles.card} ${styles.wide}`}
        aria-labelledby={`${id}-joined`}
        data-testid="joined"
      >
        <h1 id={`${id}-joined`} ref={titleRef} tabIndex={-1} className={styles.title}>
          {t.joinedTitle(joined.title)}
        </h1>
        <ResumeCodeCard lang={lang} resumeCode={joined.resumeCode} />
        <ContinueLink href={first ? `/lessons/${first}` : '/'}>
          {first ? t.continueToLesson(lessonTitles[first] ?? first) : t.continueToCourse}
        </ContinueLink>
      </section>
    );
  }

  if (already && !joinAnyway) {
    const first = already.firstLessonId;
    return (
      <section className={styles.card} aria-labelledby={`${id}-already`} data-testid="already-joined">
        <h1 id={`${id}-already`} className={styles.title}>
          {t.alreadyJoined(already.title)}
        </h1>
        <p className={styles.intro}>{t.alreadyJoinedBody(already.name)}</p>
        <ContinueLink href={first ? `/lessons/${first}` : '/'}>
          {first ? t.continueToLesson(lessonTitles[first] ?? first) : t.continueToCourse}
        </ContinueLink>
        <button
          type="button"
          className={`${buttons.button} ${buttons.link} ${styles.secondary}`}
          onClick={() => setJoinAnyway(true)}
        >
          {t.joinAsSomeoneElse}
        </button>
      </section>
    );
  }

  const length = name.trim().length;
  return (
    <section className={styles.card} aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`} className={styles.title}>
        {t.joiningTitle}
      </h1>
      <p className={styles.intro}>{t.joiningIntro}</p>
      <p className={styles.codeLine}>
        <span>{t.joiningCode}</span>
        <strong className={styles.codeValue} data-testid="join-code">
          {groupedCode}
        </strong>
        <Link href="/join">{t.wrongCode}</Link>
      </p>
      <form
        ref={formRef}
        method="post"
        className={fields.form}
        onSubmit={onSubmit}
        noValidate
        data-testid="join-name-form"
      >
        <div className={fields.field}>
          <div className={styles.labelRow}>
            <label htmlFor={`${id}-name`} className={fields.label}>
              {t.nameLabel}
            </label>
            <span className={length > GUEST_NAME_MAX ? styles.countOver : styles.count} aria-hidden="true">
              {length}/{GUEST_NAME_MAX}
            </span>
          </div>
          <input
            id={`${id}-name`}
            name="name"
            className={fields.input}
            autoComplete="nickname"
            placeholder={t.namePlaceholder}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              setError(undefined);
            }}
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].join(' ').trim()}
            disabled={busy}
          />
          <p id={`${id}-hint`} className={fields.hint}>
            {t.nameHint}
          </p>
        </div>
        <FormError id={`${id}-error`} message={error} testId="join-error" />
        <SubmitButton busy={busy} label={t.join} busyLabel={t.joining} />
      </form>
    </section>
  );
}

function ContinueLink({ href, children }: { href: string; children: string }) {
  return (
    <Link
      href={href}
      className={`${buttons.button} ${buttons.primary} ${fields.submit}`}
      data-testid="continue-to-lesson"
    >
      <span>{children}</span> <ArrowIcon />
    </Link>
  );
}
