'use client';
// A sandbox on screen: its toolbar, one terminal per node (each opened when its tab is first shown), and
// the file editor under them. Stays mounted from ready through stopping to gone, so the screens survive.
import { useCallback, useEffect, useRef, useState } from 'react';
import { LazyEditorPanel } from '../editor/lazy-editor-panel';
import { stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import { EMPTY_INPUT_REPORT, type InputReport } from '../terminal/input-backlog';
import type { ConnectionState } from '../terminal/terminal-connection';
import { TerminalFooter } from '../terminal/terminal-footer';
import { type TerminalHandle, TerminalView } from '../terminal/terminal-view';
import { useScreenReaderMode } from '../terminal/use-screen-reader-mode';
import buttons from '../ui/button.module.css';
import { SandboxProblem } from './sandbox-problem';
import styles from './sandbox-terminals.module.css';
import { SandboxToolbar } from './sandbox-toolbar';

/** How long a report of lost input stays once the connection is back. */
const INPUT_REPORT_MS = 10_000;

export function SandboxTerminals({ sandboxId, nodes }: { sandboxId: string; nodes: readonly string[] }) {
  const session = useLessonSession();
  const t = stringsFor(session.lang);
  const { phase, activeNode, setActiveNode, registerTerminal, isSandboxAlive, markGone } = session;
  const [states, setStates] = useState<Record<string, ConnectionState>>({});
  const [inputReports, setInputReports] = useState<Record<string, InputReport>>({});
  const [screenReaderMode, setScreenReaderMode] = useScreenReaderMode();
  // Terminals open when their tab is first shown and stay open, so switching tabs keeps each screen.
  const [opened, setOpened] = useState<ReadonlySet<string>>(() => new Set([activeNode]));
  const handles = useRef(new Map<string, TerminalHandle>());
  // The editor panel: mounted on first open (monaco loads then), kept while the pane lives.
  const [editor, setEditor] = useState<'never' | 'open' | 'closed'>('never');

  const current = nodes.includes(activeNode) ? activeNode : (nodes[0] ?? 'node1');
  useEffect(() => {
    if (current !== activeNode) setActiveNode(current);
    setOpened((prev) => (prev.has(current) ? prev : new Set([...prev, current])));
  }, [current, activeNode, setActiveNode]);

  const onStateChange = useCallback(
    (node: string, state: ConnectionState) => {
      setStates((prev) => ({ ...prev, [node]: state }));
      if (state.kind === 'gone') markGone();
    },
    [markGone],
  );
  const onInputReport = useCallback((node: string, report: InputReport) => {
    setInputReports((prev) => ({ ...prev, [node]: report }));
  }, []);
  const onHandle = useCallback(
    (node: string, handle: TerminalHandle | undefined) => {
      if (handle) handles.current.set(node, handle);
      else handles.current.delete(node);
      registerTerminal(node, handle);
    },
    [registerTerminal],
  );

  const live = phase.kind === 'ready';
  const activeState: ConnectionState = states[current] ?? { kind: 'connecting' };
  const activeReport = inputReports[current] ?? EMPTY_INPUT_REPORT;
  const editorId = `editor-panel-${sandboxId}`;
  const keysId = `terminal-keys-${sandboxId}`;

  // Lost input is reported until the learner has had time to see it with the connection back.
  const lostInput = activeReport.notSent + activeReport.unconfirmed > 0;
  useEffect(() => {
    if (!lostInput || activeState.kind !== 'connected') return;
    const timer = setTimeout(() => handles.current.get(current)?.acknowledgeInputReport(), INPUT_REPORT_MS);
    return () => clearTimeout(timer);
  }, [lostInput, activeState.kind, current]);

  return (
    <div className={styles.terminals}>
      <SandboxToolbar
        sandboxId={sandboxId}
        nodes={nodes}
        current={current}
        currentState={activeState}
        onReconnectNow={() => handles.current.get(current)?.reconnectNow()}
        editorOpen={editor === 'open'}
        editorId={editorId}
        onToggleEditor={() => setEditor((e) => (e === 'open' ? 'closed' : 'open'))}
      />
      <div className={styles.stage} id={`terminal-panel-${sandboxId}`}>
        {nodes
          .filter((node) => opened.has(node))
          .map((node) => (
            <TerminalView
              key={node}
              sandboxId={sandboxId}
              node={node}
              lang={session.lang}
              active={node === current}
              live={live || phase.kind === 'stopping'}
              label={t.terminalLabel(node)}
              describedBy={keysId}
              screenReaderMode={screenReaderMode}
              connectionState={(states[node] ?? { kind: 'connecting' }).kind}
              isSandboxAlive={isSandboxAlive}
              onStateChange={onStateChange}
              onInputReport={onInputReport}
              onHandle={onHandle}
            />
          ))}
        {live && activeState.kind === 'exited' && (
          <div className={styles.exitBar}>
            <span>{t.connExited(activeState.code)}</span>
            <button
              type="button"
              className={`${buttons.button} ${buttons.small} ${styles.restart}`}
              onClick={() => {
                handles.current.get(current)?.restartShell();
                handles.current.get(current)?.focus();
              }}
            >
              {t.restartShell}
            </button>
          </div>
        )}
        {phase.kind === 'gone' && (
          <div className={styles.overlay}>
            <SandboxProblem
              title={t.goneTitle}
              body={phase.byUser ? t.stoppedByYou : phase.reason ? t.brokeBody : t.goneBody}
              detail={phase.reason}
              action={t.startNewSandbox}
              onAction={session.retry}
              tone="info"
            />
          </div>
        )}
      </div>
      <TerminalFooter
        lang={session.lang}
        keysId={keysId}
        inputReport={activeReport}
        screenReaderMode={screenReaderMode}
        onScreenReaderMode={setScreenReaderMode}
      />
      {editor !== 'never' && live && (
        <LazyEditorPanel
          id={editorId}
          sandboxId={sandboxId}
          node={current}
          lang={session.lang}
          open={editor === 'open'}
        />
      )}
    </div>
  );
}
