'use client';
// The question before a live sandbox of another lesson is replaced: keep it here (when it has the nodes
// this lesson needs) or start fresh, which stops it. A modal dialog; Esc leaves the same choices in the pane.
import Link from 'next/link';
import { type SyntheticEvent, useEffect, useId, useRef } from 'react';
import type { SandboxPhase } from '../session/use-sandbox-lifecycle';
import buttons from '../ui/button.module.css';
import card from './pane-card.module.css';
import type { PhaseViewProps } from './phase-views';
import styles from './sandbox-conflict.module.css';

export function ConflictView({
  phase,
  t,
  nodes,
  resolveConflict,
}: PhaseViewProps<Extract<SandboxPhase, { kind: 'conflict' }>>) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => dialog?.close();
  }, []);

  // Esc: no longer modal, but the question stays on screen in the pane; nothing is stopped.
  function onCancel(e: SyntheticEvent<HTMLDialogElement>) {
    e.preventDefault();
    e.currentTarget.close();
    e.currentTarget.show();
  }

  const { live, reusable } = phase;
  return (
    <dialog
      ref={ref}
      className={`${card.card} ${styles.dialog}`}
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={onCancel}
      data-testid="sandbox-conflict"
    >
      <h2 id={titleId} className={card.title}>
        {t.conflictTitle}
      </h2>
      <p id={bodyId} className={card.body}>
        {reusable ? t.conflictReusable : t.conflictNotReusable(nodes.length, live.nodes.length)}
      </p>
      <div className={styles.choices}>
        {reusable && (
          <button
            type="button"
            className={`${buttons.button} ${buttons.primary} ${card.action}`}
            onClick={() => resolveConflict('keep')}
            data-testid="sandbox-keep"
          >
            {t.keepSandbox}
          </button>
        )}
        <button
          type="button"
          className={
            reusable
              ? `${buttons.button} ${styles.fresh}`
              : `${buttons.button} ${buttons.primary} ${card.action}`
          }
          onClick={() => resolveConflict('replace')}
          data-testid="sandbox-start-fresh"
        >
          {t.startFresh}
        </button>
        {!reusable && live.lessonId && (
          <Link className={styles.back} href={`/lessons/${live.lessonId}`}>
            {t.backToOtherLesson}
          </Link>
        )}
      </div>
    </dialog>
  );
}
