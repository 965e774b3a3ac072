'use client';
// "Allow instructor to type": a switch for the learner's own sandbox (PUT /api/sandboxes/:id/instructor-typing).
// Off by default and again for every new sandbox; the server checks it for each key the instructor sends.
import { useState } from 'react';
import { classroomApi } from '../api/classroom-api';
import styles from './classroom-live.module.css';
import type { LiveClassStrings } from './live-class-strings';

export function TypingToggle({
  t,
  sandboxId,
  allowed,
  onChange,
}: {
  t: LiveClassStrings;
  sandboxId: string;
  allowed: boolean;
  onChange: (allowed: boolean) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  return (
    <>
      <button
        type="button"
        role="switch"
        aria-checked={allowed}
        aria-describedby={failed ? `typing-failed-${sandboxId}` : undefined}
        className={allowed ? `${styles.switch} ${styles.switchOn}` : styles.switch}
        disabled={busy}
        title={allowed ? t.typingOn : t.typingOff}
        data-testid="allow-typing"
        onClick={async () => {
          setBusy(true);
          setFailed(false);
          try {
            onChange((await classroomApi.setInstructorTyping(sandboxId, !allowed)).allowed);
          } catch {
            setFailed(true);
          } finally {
            setBusy(false);
          }
        }}
      >
        <span className={styles.track} aria-hidden="true">
          <span className={styles.thumb} />
        </span>
        <span>{t.allowTyping}</span>
      </button>
      {failed && (
        <span id={`typing-failed-${sandboxId}`} className={styles.failed} role="alert">
          {t.failed}
        </span>
      )}
    </>
  );
}
