'use client';
// A message to the whole class (at most BROADCAST_MESSAGE_MAX characters), and the ones sent before.
import { useId, useState } from 'react';
import { BROADCAST_MESSAGE_MAX, type Broadcast } from '../../contract/classrooms';
import { isApiError } from '../api/berth-api';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import styles from './broadcast-form.module.css';
import { dashboardApi } from './dashboard-api';
import { dashboardStringsFor } from './dashboard-strings';
import { Panel } from './panel';
import panel from './panel.module.css';

const SHOWN = 5;

export function BroadcastForm({
  lang,
  classroomId,
  broadcasts,
  onSent,
}: {
  lang: Lang;
  classroomId: string;
  broadcasts: readonly Broadcast[];
  onSent: (b: Broadcast) => void;
}) {
  const t = dashboardStringsFor(lang);
  const id = useId();
  const [message, setMessage] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'error'; text: string }>(
    {
      kind: 'idle',
    },
  );
  const time = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', {
    hour: '2-digit',
    minute: '2-digit',
  });
  const empty = message.trim().length === 0;
  return (
    <Panel id={id} title={t.broadcastTitle} testId="broadcast">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (empty || state.kind === 'sending') return;
          setState({ kind: 'sending' });
          dashboardApi.broadcast(classroomId, message).then(
            (b) => {
              setMessage('');
              setState({ kind: 'sent' });
              onSent(b);
            },
            (err: unknown) =>
              setState({ kind: 'error', text: t.actionFailed(isApiError(err) ? err.message : String(err)) }),
          );
        }}
      >
        <label htmlFor={`${id}-message`} className={styles.label}>
          {t.broadcastLabel}
        </label>
        <textarea
          id={`${id}-message`}
          className={styles.input}
          value={message}
          maxLength={BROADCAST_MESSAGE_MAX}
          rows={3}
          aria-describedby={`${id}-hint`}
          onChange={(e) => {
            setMessage(e.currentTarget.value);
            if (state.kind !== 'sending') setState({ kind: 'idle' });
          }}
          data-testid="broadcast-message"
        />
        <div className={styles.row}>
          <span id={`${id}-hint`} className={styles.hint}>
            {t.broadcastHint}{' '}
            <span className={styles.count}>{t.broadcastCount(message.length, BROADCAST_MESSAGE_MAX)}</span>
          </span>
          <button
            type="submit"
            className={`${buttons.button} ${buttons.small} ${buttons.primary}`}
            disabled={empty || state.kind === 'sending'}
            data-testid="broadcast-send"
          >
            {state.kind === 'sending' ? t.sending : t.send}
          </button>
        </div>
        <p className={state.kind === 'error' ? panel.error : styles.status} role="status">
          {state.kind === 'sent' ? t.sent : state.kind === 'error' ? state.text : ''}
        </p>
      </form>
      {broadcasts.length > 0 && (
        <>
          <h3 className={styles.earlierTitle}>{t.sentEarlier}</h3>
          <ul className={styles.earlier}>
            {broadcasts.slice(0, SHOWN).map((b) => (
              <li key={b.id}>
                <time dateTime={b.at} className={styles.time} suppressHydrationWarning>
                  {time.format(new Date(b.at))}
                </time>
                <span className={styles.text}>{b.message}</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}
