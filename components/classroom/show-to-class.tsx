'use client';
// "Show to the class": the join code and QR code large enough for a projector, in a modal dialog
// (Esc or the Close button ends it; the browser keeps focus inside while it is open).
import { type ReactNode, useRef } from 'react';
import buttons from '../ui/button.module.css';
import styles from './join-panel.module.css';

export function ShowToClass({
  openText,
  closeText,
  title,
  children,
}: {
  openText: string;
  closeText: string;
  title: string;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <button
        type="button"
        className={`${buttons.button} ${buttons.small}`}
        onClick={() => dialog.current?.showModal()}
        data-testid="show-to-class"
      >
        {openText}
      </button>
      <dialog ref={dialog} className={styles.projector} aria-label={title}>
        <div className={styles.projectorBody}>{children}</div>
        <form method="dialog">
          <button type="submit" className={`${buttons.button} ${buttons.primary}`}>
            {closeText}
          </button>
        </form>
      </dialog>
    </>
  );
}
