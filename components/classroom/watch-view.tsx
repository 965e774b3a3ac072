'use client';
// An instructor watching one learner's terminal (watch=1 on /ws/terminal: the same output, with replay).
// Whether the instructor may type is said in words above the terminal and follows the learner's choice
// live (`typing` events); while it is read-only, keys are not even sent.
import { useRouter } from 'next/navigation';
import { useCallback, useState } from 'react';
import type { ClassroomEvent } from '../../contract/classrooms';
import type { Lang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import { ConnectionStatus } from '../terminal/connection-status';
import { EMPTY_INPUT_REPORT } from '../terminal/input-backlog';
import type { ConnectionState } from '../terminal/terminal-connection';
import { TerminalFooter } from '../terminal/terminal-footer';
import { type TerminalHandle, TerminalView } from '../terminal/terminal-view';
import { useScreenReaderMode } from '../terminal/use-screen-reader-mode';
import buttons from '../ui/button.module.css';
import a11y from '../ui/sr-only.module.css';
import { HandIcon, KeyboardIcon, LockIcon } from './classroom-icons';
import { dashboardApi } from './dashboard-api';
import { dashboardStringsFor } from './dashboard-strings';
import { useClassroomEvents } from './use-classroom-events';
import styles from './watch-view.module.css';

const alwaysAlive = async () => true;

export function WatchView({
  lang,
  classroomId,
  learner,
  sandbox,
  hand,
}: {
  lang: Lang;
  classroomId: string;
  learner: { id: string; name: string };
  sandbox: { id: string; nodes: string[]; typingAllowed: boolean };
  hand: { message: string | null } | null;
}) {
  const t = dashboardStringsFor(lang);
  const router = useRouter();
  const [typing, setTyping] = useState({ allowed: sandbox.typingAllowed, revoked: false });
  const { allowed, revoked } = typing;
  const [node, setNode] = useState(sandbox.nodes[0] ?? 'node1');
  const [state, setState] = useState<ConnectionState>({ kind: 'connecting' });
  const [handle, setHandle] = useState<TerminalHandle>();
  const [screenReaderMode, setScreenReaderMode] = useScreenReaderMode();
  const [handNow, setHandNow] = useState(hand);

  const onEvent = useCallback(
    (e: ClassroomEvent) => {
      if (e.type === 'hand' && e.learnerId === learner.id)
        setHandNow(e.raised ? { message: e.message } : null);
      if (e.type !== 'typing' || e.learnerId !== learner.id || e.sandboxId !== sandbox.id) return;
      setTyping((prev) => ({ allowed: e.allowed, revoked: prev.allowed && !e.allowed }));
    },
    [learner.id, sandbox.id],
  );
  useClassroomEvents(classroomId, onEvent, () => {});

  const keysId = `watch-keys-${sandbox.id}`;
  return (
    <div className={styles.watch}>
      <div
        className={`${styles.mode} ${allowed ? styles.typing : styles.readOnly}`}
        role="status"
        data-testid="watch-mode"
        data-mode={allowed ? 'typing' : 'read-only'}
      >
        {allowed ? <KeyboardIcon className={styles.modeIcon} /> : <LockIcon className={styles.modeIcon} />}
        <div>
          <p className={styles.modeTitle}>{allowed ? t.mayType : t.readOnly}</p>
          <p className={styles.modeBody}>
            {allowed ? t.mayTypeBody(learner.name) : revoked ? t.typingRevoked : t.readOnlyBody(learner.name)}
          </p>
        </div>
      </div>
      {handNow && (
        <div className={styles.hand} data-testid="watch-hand">
          <HandIcon />
          <p>
            <strong>{t.flagHand}</strong>
            {handNow.message ? `: ${handNow.message}` : ''}
          </p>
          <button
            type="button"
            className={`${buttons.button} ${buttons.small}`}
            onClick={() =>
              void dashboardApi.resolveHand(classroomId, learner.id).then(
                () => setHandNow(null),
                () => {},
              )
            }
            aria-label={t.resolveLabel(learner.name)}
          >
            {t.resolve}
          </button>
        </div>
      )}
      <div className={styles.bar}>
        {sandbox.nodes.length > 1 && (
          <fieldset className={styles.nodes}>
            <legend className={a11y.srOnly}>{stringsFor(lang).nodeTabs}</legend>
            {sandbox.nodes.map((n) => (
              <button
                key={n}
                type="button"
                className={styles.node}
                aria-pressed={n === node}
                onClick={() => setNode(n)}
              >
                {n}
              </button>
            ))}
          </fieldset>
        )}
        <ConnectionStatus lang={lang} state={state} onReconnectNow={() => handle?.reconnectNow()} />
      </div>
      <div className={styles.stage} data-testid="watch-terminal">
        <TerminalView
          key={node}
          sandboxId={sandbox.id}
          node={node}
          watch
          readOnly={!allowed}
          lang={lang}
          active
          live
          label={t.watchTerminalLabel(learner.name, node, !allowed)}
          describedBy={keysId}
          screenReaderMode={screenReaderMode}
          connectionState={state.kind}
          isSandboxAlive={alwaysAlive}
          onStateChange={(_n, s) => setState(s)}
          onInputReport={() => {}}
          onHandle={(_n, h) => setHandle(h)}
        />
      </div>
      {state.kind === 'gone' && (
        <div className={styles.gone} role="status">
          <p>{t.watchGone(learner.name)}</p>
          <button
            type="button"
            className={`${buttons.button} ${buttons.small}`}
            onClick={() => router.refresh()}
            data-testid="watch-look-again"
          >
            {t.lookAgain}
          </button>
        </div>
      )}
      <TerminalFooter
        lang={lang}
        keysId={keysId}
        inputReport={EMPTY_INPUT_REPORT}
        screenReaderMode={screenReaderMode}
        onScreenReaderMode={setScreenReaderMode}
      />
    </div>
  );
}
