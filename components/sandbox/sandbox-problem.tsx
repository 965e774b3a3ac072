'use client';
// Every way a sandbox can fail to be there, with one clear action.
import type { ReactNode } from 'react';

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
    <div className={`pane-card pane-card-${tone}`} role={tone === 'problem' ? 'alert' : 'status'}>
      <h2 className="pane-card-title">{title}</h2>
      <p className="pane-card-body">{body}</p>
      {detail && <p className="pane-card-detail">{detail}</p>}
      <button type="button" className="button button-primary" onClick={onAction}>
        {action}
      </button>
    </div>
  );
}
