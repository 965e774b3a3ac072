'use client';
// One terminal's place on the page, bound to one node's shell. xterm and everything that drives it
// (terminal-session.ts) are imported on the client only, when the terminal first mounts.
import '@xterm/xterm/css/xterm.css';
import { useEffect, useRef } from 'react';
import type { Lang } from '../i18n/lang';
import type { InputReport } from './input-backlog';
import type { ConnectionState } from './terminal-connection';
import type { TerminalSession } from './terminal-session';
import styles from './terminal-view.module.css';

/** What the rest of the page may do with a live terminal. */
export interface TerminalHandle {
  /** Types `command` on a cleared line and presses Enter (command-keystrokes.ts); false when not connected. */
  run: (command: string) => boolean;
  focus: () => void;
  reconnectNow: () => void;
  restartShell: () => void;
  /** The learner has seen the report of lost input. */
  acknowledgeInputReport: () => void;
}

export function TerminalView({
  sandboxId,
  node,
  watch = false,
  readOnly = false,
  lang,
  active,
  live,
  label,
  describedBy,
  screenReaderMode,
  connectionState,
  isSandboxAlive,
  onStateChange,
  onInputReport,
  onHandle,
}: {
  sandboxId: string;
  node: string;
  /** Someone else's terminal (the instructor's watch page): opened with watch=1. */
  watch?: boolean;
  /** Keys are not sent while true (watching without the learner's permission to type). */
  readOnly?: boolean;
  lang: Lang;
  /** The visible tab: carries data-testid="terminal" and gets refitted when shown. */
  active: boolean;
  /** False once the sandbox is known to be gone: the socket is closed and the screen kept. */
  live: boolean;
  label: string;
  /** Id of the keyboard hint (how to leave the terminal), read out when the terminal gets focus. */
  describedBy?: string;
  /** xterm's accessibility tree and live region (terminal-session.ts, applyScreenReaderMode). */
  screenReaderMode: boolean;
  connectionState: ConnectionState['kind'];
  isSandboxAlive: () => Promise<boolean>;
  onStateChange: (node: string, state: ConnectionState) => void;
  onInputReport: (node: string, report: InputReport) => void;
  onHandle: (node: string, handle: TerminalHandle | undefined) => void;
}) {
  const hostRef = useRef<HTMLElement>(null);
  const sessionRef = useRef<TerminalSession | undefined>(undefined);
  // Callbacks and words change identity on every render of the pane; the effect below must not re-run for
  // that, so the session reads them from here.
  const latest = useRef({ isSandboxAlive, onStateChange, onInputReport, onHandle });
  latest.current = { isSandboxAlive, onStateChange, onInputReport, onHandle };
  const settings = useRef({ lang, label, describedBy, screenReaderMode, readOnly });
  settings.current = { lang, label, describedBy, screenReaderMode, readOnly };

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    void import('./terminal-session').then(({ openTerminalSession }) => {
      if (disposed) return;
      const session = openTerminalSession(host, {
        sandboxId,
        node,
        watch,
        settings: () => settings.current,
        isSandboxAlive: () => latest.current.isSandboxAlive(),
        onState: (state) => latest.current.onStateChange(node, state),
        onInputReport: (report) => latest.current.onInputReport(node, report),
      });
      sessionRef.current = session;
      latest.current.onHandle(node, session);
    });
    return () => {
      disposed = true;
      sessionRef.current?.dispose();
      sessionRef.current = undefined;
      latest.current.onHandle(node, undefined);
    };
  }, [sandboxId, node, watch]);

  useEffect(() => {
    if (active) sessionRef.current?.refit();
  }, [active]);

  useEffect(() => {
    if (!live) sessionRef.current?.disconnect();
  }, [live]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the session reads them from `settings`
  useEffect(() => {
    sessionRef.current?.update();
  }, [screenReaderMode, lang, label, describedBy, readOnly]);

  return (
    <section
      ref={hostRef}
      id={`terminal-${node}`}
      className={styles.host}
      hidden={!active}
      aria-label={label}
      aria-describedby={describedBy}
      data-testid={active ? 'terminal' : undefined}
      data-node={node}
      data-connection={connectionState}
      data-read-only={watch ? String(readOnly) : undefined}
    />
  );
}
