'use client';
// Every way a sandbox can fail to be there, with one clear action.
import type { ReactNode } from 'react';
import buttons from '../ui/button.module.css';
import card from './pane-card.module.css';

export function SandboxProblem({
  title,
  body,
  detail,
  action,
  onAction,
  tone = 'problem',
}: {
  title: string;
  body: ReactNode;
  /** Extra detail from the server (failure reason), shown smaller. */
  detail?: string;
  action: string;
  onAction: () => void;
  tone?: 'problem' | 'info';
}) {
  return (
    <div
      className={tone === 'problem' ? `${card.card} ${card.problem}` : card.card}
      role={tone === 'problem' ? 'alert' : 'status'}
    >
      <h2 className={card.title}>{title}</h2>
      <p className={card.body}>{body}</p>
      {detail && <p className={card.detail}>{detail}</p>}
      <button
        type="button"
        className={`${buttons.button} ${buttons.primary} ${card.action}`}
        onClick={onAction}
      >
        {action}
      </button>
    </div>
  );
}
