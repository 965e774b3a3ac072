'use client';
// Raise hand: a button that opens a small form with an optional message (POST /api/classrooms/:id/hand);
// while the hand is up, "Lower hand" (DELETE). Escape closes the form and focus goes back to the button.
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { HAND_MESSAGE_MAX } from '../../contract/classrooms';
import { classroomApi } from '../api/classroom-api';
import { HandIcon } from '../classroom/classroom-icons';
import { Spinner } from '../ui/icons';
import styles from './classroom-live.module.css';
import type { LiveClassStrings } from './live-class-strings';

export function RaiseHand({
  t,
  classroomId,
  hand,
  onChange,
}: {
  t: LiveClassStrings;
  classroomId: string;
  hand: { raised: boolean; message: string | null };
  onChange: (raised: boolean, message: string | null) => void;
}) {
  const id = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const raiseRef = useRef<HTMLButtonElement>(null);
  const lowerRef = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const ownChange = useRef(false);

  useEffect(() => {
    if (open) textRef.current?.focus();
  }, [open]);
  // After the learner's own raise or lower, focus follows to the button that undoes it — once the request is
  // done (a button is disabled while it runs, and a disabled button takes no focus).
  useEffect(() => {
    if (!ownChange.current || busy) return;
    ownChange.current = false;
    (hand.raised ? lowerRef : raiseRef).current?.focus();
  }, [hand.raised, busy]);

  const close = () => {
    setOpen(false);
    setFailed(false);
    raiseRef.current?.focus();
  };

  async function send(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setBusy(true);
    setFailed(false);
    const text = message.trim() ? message.trim() : undefined;
    // Set before asking: the stream's event of this very change may come before the answer does.
    ownChange.current = true;
    try {
      await classroomApi.raiseHand(classroomId, text);
      setOpen(false);
      setMessage('');
      onChange(true, text ?? null);
    } catch {
      ownChange.current = false;
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  async function lower() {
    setBusy(true);
    setFailed(false);
    ownChange.current = true;
    try {
      await classroomApi.lowerHand(classroomId);
      onChange(false, null);
    } catch {
      ownChange.current = false;
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  if (hand.raised)
    return (
      <>
        <button
          ref={lowerRef}
          type="button"
          className={`${styles.handButton} ${styles.handUp}`}
          onClick={lower}
          disabled={busy}
          data-testid="lower-hand"
        >
          {busy ? <Spinner /> : <HandIcon />}
          <span>{busy ? t.lowering : t.lowerHand}</span>
        </button>
        {failed && (
          <span className={styles.failed} role="alert">
            {t.failed}
          </span>
        )}
      </>
    );

  return (
    <>
      <button
        ref={raiseRef}
        type="button"
        className={styles.handButton}
        aria-expanded={open}
        aria-controls={`${id}-panel`}
        onClick={() => (open ? close() : setOpen(true))}
        data-testid="raise-hand"
      >
        <HandIcon />
        <span>{t.raiseHand}</span>
      </button>
      {open && (
        <form
          id={`${id}-panel`}
          className={styles.handPanel}
          onSubmit={send}
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
          aria-labelledby={`${id}-title`}
          data-testid="raise-hand-form"
        >
          <h2 id={`${id}-title`} className={styles.handTitle}>
            {t.raiseHandTitle}
          </h2>
          <label htmlFor={`${id}-message`} className={styles.handLabel}>
            {t.handMessageLabel}
          </label>
          <textarea
            ref={textRef}
            id={`${id}-message`}
            name="message"
            className={styles.handText}
            rows={3}
            maxLength={HAND_MESSAGE_MAX}
            placeholder={t.handMessagePlaceholder}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
            aria-describedby={`${id}-hint`}
            disabled={busy}
          />
          <p id={`${id}-hint`} className={styles.handHint}>
            {t.handMessageHint(HAND_MESSAGE_MAX)}
            <span aria-hidden="true">
              {' '}
              ({message.length}/{HAND_MESSAGE_MAX})
            </span>
          </p>
          {failed && (
            <p className={styles.failed} role="alert">
              {t.failed}
            </p>
          )}
          <div className={styles.handActions}>
            <button type="button" className={styles.secondary} onClick={close} disabled={busy}>
              {t.cancel}
            </button>
            <button type="submit" className={styles.primary} disabled={busy} data-testid="send-hand">
              {busy ? <Spinner /> : <HandIcon />}
              <span>{busy ? t.raising : t.sendHand}</span>
            </button>
          </div>
        </form>
      )}
    </>
  );
}
