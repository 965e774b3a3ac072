'use client';
// "Pick a name to start": a guest session is all a learner needs before their sandbox starts.
import { type FormEvent, useId, useState } from 'react';
import { isApiError } from '../api/berth-api';
import type { Strings } from '../i18n/strings';
import { useViewer } from '../session/viewer-provider';
import buttons from '../ui/button.module.css';
import { Spinner } from '../ui/icons';
import styles from './guest-sign-in.module.css';
import card from './pane-card.module.css';

export function GuestSignIn({ t, onSignedIn }: { t: Strings; onSignedIn?: () => void }) {
  const { signInAsGuest } = useViewer();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const inputId = useId();
  const errorId = useId();

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn?.();
      await signInAsGuest(trimmed);
    } catch (err) {
      setError(isApiError(err) ? err.message : String(err));
      setBusy(false);
    }
  }

  return (
    <form className={card.card} onSubmit={onSubmit} aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className={card.title}>
        {t.pickName}
      </h2>
      <p className={card.body}>{t.pickNameIntro}</p>
      <div className={styles.field}>
        <label htmlFor={inputId}>{t.yourName}</label>
        <input
          id={inputId}
          name="name"
          type="text"
          required
          maxLength={40}
          autoComplete="nickname"
          placeholder={t.namePlaceholder}
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          disabled={busy}
        />
      </div>
      {error && (
        <p id={errorId} className={styles.error} role="alert">
          {error}
        </p>
      )}
      <button type="submit" className={`${buttons.button} ${buttons.primary} ${card.action}`} disabled={busy}>
        {busy ? (
          <>
            <Spinner /> {t.signingIn}
          </>
        ) : (
          t.startButton
        )}
      </button>
    </form>
  );
}
