'use client';
// "Pick a name to start": a guest session is all a learner needs before their sandbox starts.
import { type FormEvent, useId, useState } from 'react';
import { GUEST_NAME_MAX } from '../../contract/public-api';
import { isApiError } from '../api/berth-api';
import type { Strings } from '../i18n/strings';
import { useViewer } from '../session/viewer-provider';
import buttons from '../ui/button.module.css';
import { useHydrated, useTypedBeforeHydration } from '../ui/hydration';
import { Spinner } from '../ui/icons';
import a11y from '../ui/sr-only.module.css';
import styles from './guest-sign-in.module.css';
import card from './pane-card.module.css';

export function GuestSignIn({ t, onSignedIn }: { t: Strings; onSignedIn?: () => void }) {
  const { signInAsGuest } = useViewer();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const inputId = useId();
  const errorId = useId();
  const countId = useId();
  const formRef = useTypedBeforeHydration({ name: setName });
  const hydrated = useHydrated();
  // Counted as the server counts (trimmed, in UTF-16 units like zod's max): over the limit is refused, never cut.
  const length = name.trim().length;
  const tooLong = length > GUEST_NAME_MAX;

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError(t.nameRequired);
      return;
    }
    if (tooLong) {
      setError(t.nameTooLong(GUEST_NAME_MAX));
      return;
    }
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
    <form ref={formRef} className={card.card} onSubmit={onSubmit} aria-labelledby={`${inputId}-title`}>
      <h2 id={`${inputId}-title`} className={card.title}>
        {t.pickName}
      </h2>
      <p className={card.body}>{t.pickNameIntro}</p>
      <div className={styles.field}>
        <div className={styles.labelRow}>
          <label htmlFor={inputId}>{t.yourName}</label>
          <span
            id={countId}
            className={tooLong ? `${styles.count} ${styles.countOver}` : styles.count}
            data-testid="name-count"
          >
            <span aria-hidden="true">{t.nameCount(length, GUEST_NAME_MAX)}</span>
            <span className={a11y.srOnly}>{t.nameCountLabel(length, GUEST_NAME_MAX)}</span>
          </span>
        </div>
        <input
          id={inputId}
          name="name"
          type="text"
          aria-required="true"
          autoComplete="nickname"
          placeholder={t.namePlaceholder}
          value={name}
          onChange={(e) => {
            setName(e.target.value);
            if (error) setError(undefined);
          }}
          aria-invalid={error || tooLong ? true : undefined}
          aria-describedby={error ? `${errorId} ${countId}` : countId}
          disabled={busy}
        />
      </div>
      {error && (
        <p id={errorId} className={styles.error} role="alert">
          {error}
        </p>
      )}
      <button
        type="submit"
        className={`${buttons.button} ${buttons.primary} ${card.action}`}
        disabled={busy || !hydrated}
      >
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
