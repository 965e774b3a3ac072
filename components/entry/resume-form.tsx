'use client';
// /resume: the learner's resume code → POST /api/classrooms/resume → the same learner on this device, on to
// their classroom's first lesson (their progress is on the server, so it shows there).
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useState } from 'react';
import { classroomApi } from '../api/classroom-api';
import type { Lang } from '../i18n/lang';
import { useViewer } from '../session/viewer-provider';
import { useTypedBeforeHydration } from '../ui/hydration';
import { normalizeCode } from './access-code';
import { CodeField } from './code-field';
import { entryErrorText } from './entry-error';
import { entryStringsFor } from './entry-strings';
import { FormError } from './form-error';
import fields from './form-field.module.css';
import { SubmitButton } from './submit-button';

export function ResumeForm({ lang }: { lang: Lang }) {
  const t = entryStringsFor(lang);
  const router = useRouter();
  const { refresh } = useViewer();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [welcome, setWelcome] = useState<string | undefined>();
  const id = useId();
  const formRef = useTypedBeforeHydration({ resumeCode: setCode });

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
    <form
      ref={formRef}
      method="post"
      className={fields.form}
      onSubmit={onSubmit}
      noValidate
      data-testid="resume-form"
    >
      <CodeField
        id={id}
        name="resumeCode"
        label={t.resumeLabel}
        placeholder={t.resumePlaceholder}
        value={code}
        error={error}
        disabled={busy}
        onChange={(value) => {
          setCode(value);
          setError(undefined);
        }}
      />
      <FormError id={`${id}-error`} message={error} testId="resume-error" />
      <p className={fields.hint} role="status">
        {welcome}
      </p>
      <SubmitButton busy={busy} label={t.resume} busyLabel={t.resuming} />
    </form>
  );
}
