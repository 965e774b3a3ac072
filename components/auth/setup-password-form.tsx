'use client';
// The instructor's one-time setup form: a password typed twice, sent with the link's token to
// POST /api/auth/setup, which signs them in; then on to their classrooms.
import { type FormEvent, useId, useState } from 'react';
import { errorBodySchema } from '../../contract/errors';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import { useHydrated, useTypedBeforeHydration } from '../ui/hydration';
import styles from './setup-password-form.module.css';
import { setupStrings } from './setup-strings';

const MIN = 12; // contract/classrooms.ts instructorPasswordSchema

export function SetupPasswordForm({ token, lang }: { token: string; lang: Lang }) {
  const t = setupStrings(lang);
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const id = useId();
  const formRef = useTypedBeforeHydration({ password: setPassword, confirm: setConfirm });
  const hydrated = useHydrated();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (password.length < MIN) return setError(t.tooShort(MIN));
    if (password !== confirm) return setError(t.mismatch);
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch('/api/auth/setup', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ token, password }),
      });
      if (res.ok) {
        window.location.assign('/classrooms');
        return;
      }
      const body = errorBodySchema.safeParse(await res.json().catch(() => null));
      setError(body.success ? body.data.error.message : `Request failed (${res.status}).`);
    } catch (err) {
      setError(String(err));
    }
    setBusy(false);
  }

  return (
    <form ref={formRef} className={styles.form} onSubmit={onSubmit} noValidate>
      <div className={styles.field}>
        <label htmlFor={`${id}-password`}>{t.password}</label>
        <input
          id={`${id}-password`}
          name="password"
          type="password"
          autoComplete="new-password"
          aria-describedby={`${id}-hint`}
          aria-invalid={error ? true : undefined}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          disabled={busy}
        />
        <p id={`${id}-hint`} className={styles.hint}>
          {t.passwordHint(MIN)}
        </p>
      </div>
      <div className={styles.field}>
        <label htmlFor={`${id}-confirm`}>{t.confirm}</label>
        <input
          id={`${id}-confirm`}
          name="confirm"
          type="password"
          autoComplete="new-password"
          aria-invalid={error ? true : undefined}
          value={confirm}
          onChange={(e) => setConfirm(e.target.value)}
          disabled={busy}
        />
      </div>
      {error && (
        <p className={styles.error} role="alert" data-testid="setup-error">
          {error}
        </p>
      )}
      <button type="submit" className={`${buttons.button} ${buttons.primary}`} disabled={busy || !hydrated}>
        {busy ? t.saving : t.submit}
      </button>
    </form>
  );
}
