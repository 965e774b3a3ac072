'use client';
// /resume: the learner's resume code → POST /api/classrooms/resume → the same learner on this device, on to
// their classroom's first lesson (their progress is on the server, so it shows there).
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { classroomApi } from '../api/classroom-api';
import type { Lang } from '../i18n/lang';
import { useViewer } from '../session/viewer-provider';
import buttons from '../ui/button.module.css';
import { Spinner } from '../ui/icons';
import { normalizeCode } from './access-code';
import { entryErrorText } from './entry-error';
import { entryStringsFor } from './entry-strings';
import { FormError } from './form-error';
import fields from './form-field.module.css';

export function ResumeForm({ lang }: { lang: Lang }) {
  const t = entryStringsFor(lang);
  const router = useRouter();
  const { refresh } = useViewer();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [welcome, setWelcome] = useState<string | undefined>();
  const id = useId();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const clean = normalizeCode(code);
    if (!clean) {
      setError(t.resumeRequired);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const reply = await classroomApi.resume(clean);
      setWelcome(t.welcomeBack(reply.user.name));
      refresh();
      const first = reply.lessonIds[0];
      router.push(first ? `/lessons/${first}` : '/');
    } catch (err) {
      setError(entryErrorText(err, t, 'resume'));
      setBusy(false);
    }
  }

  return (
    <form method="post" className={fields.form} onSubmit={onSubmit} noValidate data-testid="resume-form">
      <div className={fields.field}>
        <label htmlFor={`${id}-code`} className={fields.label}>
          {t.resumeLabel}
        </label>
        <input
          id={`${id}-code`}
          name="resumeCode"
          className={`${fields.input} ${fields.code}`}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          maxLength={64}
          placeholder={t.resumePlaceholder}
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setError(undefined);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          disabled={busy}
        />
      </div>
      <FormError id={`${id}-error`} message={error} testId="resume-error" />
      <p className={fields.hint} role="status">
        {welcome}
      </p>
      <button
        type="submit"
        className={`${buttons.button} ${buttons.primary} ${fields.submit}`}
        disabled={busy}
      >
        {busy ? (
          <>
            <Spinner /> {t.resuming}
          </>
        ) : (
          t.resume
        )}
      </button>
    </form>
  );
}
