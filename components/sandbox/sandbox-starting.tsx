'use client';
// Progress while a sandbox starts: which step we are on (as far as the API tells us) and how long it has been.
import { useEffect, useRef } from 'react';
import type { Strings } from '../i18n/strings';
import { SLOW_START_MS } from '../session/use-sandbox-lifecycle';
import { CheckIcon, Spinner } from '../ui/icons';
import { useNow } from '../ui/use-now';

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
    <div className="pane-card">
      <h2 ref={headingRef} tabIndex={-1} className="pane-card-title">
        {title ?? t.startingTitle}
      </h2>
      <ol className="steps" aria-live="polite">
        {steps.map((s) => (
          <li key={s.label} className={s.done ? 'step step-done' : s.current ? 'step step-current' : 'step'}>
            {s.done ? <CheckIcon /> : <Spinner />}
            <span>{s.label}</span>
          </li>
        ))}
      </ol>
      <p className="elapsed">
        <span className="sr-only">{t.elapsedLabel}: </span>
        <span className="elapsed-value" data-testid="sandbox-elapsed">
          {t.elapsed(elapsed)}
        </span>
      </p>
      {now - since > SLOW_START_MS && <p className="pane-card-body">{t.slowStart}</p>}
    </div>
  );
}
