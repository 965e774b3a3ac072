'use client';
// Progress while a sandbox starts: which step we are on (as far as the API tells us) and how long it has been.
import { useEffect, useRef } from 'react';
import type { Strings } from '../i18n/strings';
import { SLOW_START_MS } from '../session/use-sandbox-lifecycle';
import { CheckIcon, Spinner } from '../ui/icons';
import a11y from '../ui/sr-only.module.css';
import { useNow } from '../ui/use-now';
import card from './pane-card.module.css';
import styles from './sandbox-starting.module.css';

export function SandboxStarting({
  t,
  since,
  reserved,
  nodes,
  takeFocus = false,
  title,
}: {
  t: Strings;
  since: number;
  /** The POST has answered: the sandbox exists and its nodes are being created. */
  reserved: boolean;
  nodes: readonly string[];
  /** Move focus here (the sign-in form that had it is gone). Never on a plain page load: it would scroll. */
  takeFocus?: boolean;
  /** Instead of the usual "starting" heading (a reset says it is a fresh sandbox). */
  title?: string;
}) {
  const now = useNow(1000);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const elapsed = Math.max(0, Math.floor((now - since) / 1000));

  useEffect(() => {
    if (takeFocus) headingRef.current?.focus();
  }, [takeFocus]);

  const steps = [
    { label: t.stepReserve, done: reserved, current: !reserved },
    { label: t.stepNodes([...nodes]), done: false, current: reserved },
  ];

  return (
    <div className={card.card}>
      <h2 ref={headingRef} tabIndex={-1} className={card.title}>
        {title ?? t.startingTitle}
      </h2>
      <ol className={styles.steps} aria-live="polite">
        {steps.map((s) => (
          <li
            key={s.label}
            className={`${styles.step} ${s.done ? styles.done : s.current ? styles.current : ''}`}
          >
            {s.done ? <CheckIcon /> : <Spinner />}
            <span>{s.label}</span>
          </li>
        ))}
      </ol>
      <p className={styles.elapsed}>
        <span className={a11y.srOnly}>{t.elapsedLabel}: </span>
        <span data-testid="sandbox-elapsed">{t.elapsed(elapsed)}</span>
      </p>
      {now - since > SLOW_START_MS && <p className={card.body}>{t.slowStart}</p>}
    </div>
  );
}
