'use client';
// Instructor sign-in: email and password → POST /api/auth/login → on to the classrooms (or ?next=).
// A wrong pair and a rate limit read differently; the password is cleared and focused after a failure.
import { useRouter } from 'next/navigation';
import { type FormEvent, useId, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { classroomApi } from '../api/classroom-api';
import type { Lang } from '../i18n/lang';
import { useViewer } from '../session/viewer-provider';
import { useTypedBeforeHydration } from '../ui/hydration';
import { entryErrorText } from './entry-error';
import { entryStringsFor } from './entry-strings';
import { FormError } from './form-error';
import fields from './form-field.module.css';
import { SubmitButton } from './submit-button';

export function SignInForm({ lang, next }: { lang: Lang; next: string }) {
  const t = entryStringsFor(lang);
  const router = useRouter();
  const { refresh } = useViewer();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const passwordRef = useRef<HTMLInputElement>(null);
  const formRef = useTypedBeforeHydration({ email: setEmail, password: setPassword });
  const id = useId();
  const errorId = `${id}-error`;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!email.trim() || !password) {
      setError(t.fillBoth);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      await classroomApi.login(email.trim(), password);
      refresh();
      router.push(next);
    } catch (err) {
      // Committed at once, so the field is enabled again before it takes focus, in the same task that shows
      // the error: a frame callback could run before React's commit and leave focus on the page body.
      flushSync(() => {
        setError(entryErrorText(err, t, 'signin'));
        setPassword('');
        setBusy(false);
      });
      passwordRef.current?.focus();
    }
  }

  const invalid = error ? true : undefined;
  return (
    <form
      ref={formRef}
      method="post"
      className={fields.form}
      onSubmit={onSubmit}
      noValidate
      data-testid="signin-form"
    >
      <div className={fields.field}>
        <label htmlFor={`${id}-email`} className={fields.label}>
          {t.email}
        </label>
        <input
          id={`${id}-email`}
          name="email"
          type="email"
          className={fields.input}
          autoComplete="username"
          inputMode="email"
          spellCheck={false}
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={error ? errorId : undefined}
          disabled={busy}
        />
      </div>
      <div className={fields.field}>
        <label htmlFor={`${id}-password`} className={fields.label}>
          {t.password}
        </label>
        <input
          ref={passwordRef}
          id={`${id}-password`}
          name="password"
          type="password"
          className={fields.input}
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={error ? errorId : undefined}
          disabled={busy}
        />
      </div>
      <FormError id={errorId} message={error} testId="signin-error" />
      <SubmitButton busy={busy} label={t.signIn} busyLabel={t.signingIn} />
    </form>
  );
}
