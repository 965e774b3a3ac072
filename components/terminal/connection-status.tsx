'use client';
// A quiet pill saying whether the terminal is live; it only asks for attention when something is wrong.
import type { Lang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import buttons from '../ui/button.module.css';
import a11y from '../ui/sr-only.module.css';
import { useNow } from '../ui/use-now';
import styles from './connection-status.module.css';
import type { ConnectionState } from './terminal-connection';
import { terminalStringsFor } from './terminal-strings';

export function ConnectionStatus({
  lang,
  state,
  onReconnectNow,
}: {
  lang: Lang;
  state: ConnectionState;
  onReconnectNow: () => void;
}) {
  const t = stringsFor(lang);
  const now = useNow(500, state.kind === 'reconnecting' || state.kind === 'stalled');
  let label: string;
  // Screen readers hear the state once, not every tick of the countdown.
  let spoken: string | undefined;
  let tone: 'ok' | 'busy' | 'bad';
  switch (state.kind) {
    case 'connected':
      label = t.connConnected;
      tone = 'ok';
      break;
    case 'connecting':
      label = t.connConnecting;
      tone = 'busy';
      break;
    case 'stalled':
      // Never "Connected" while nothing answers: the link may be dead (it is reconnected after a while).
      label = terminalStringsFor(lang).connStalled(Math.max(0, Math.floor((now - state.since) / 1000)));
      spoken = terminalStringsFor(lang).connStalled(0);
      tone = 'busy';
      break;
    case 'reconnecting':
      label = t.connReconnecting(Math.max(0, Math.ceil((state.retryAt - now) / 1000)));
      spoken = t.connReconnecting(0);
      tone = 'busy';
      break;
    case 'exited':
      label = t.connExited(state.code);
      tone = 'bad';
      break;
    case 'gone':
    case 'disposed':
      label = t.connGone;
      tone = 'bad';
      break;
  }
  return (
    <span className={styles.status} data-testid="terminal-status" data-state={state.kind}>
      <span className={`${styles.dot} ${styles[tone]}`} aria-hidden="true" />
      <span className={a11y.srOnly} role="status">
        {spoken ?? label}
      </span>
      <span aria-hidden="true">{label}</span>
      {state.kind === 'reconnecting' && state.retryAt > now + 900 && (
        <button type="button" className={buttons.link} onClick={onReconnectNow}>
          {t.connReconnectNow}
        </button>
      )}
    </span>
  );
}
