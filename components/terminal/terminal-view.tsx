'use client';
// One xterm.js terminal bound to one node's shell. xterm is imported on the client only, after mount.
import '@xterm/xterm/css/xterm.css';
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import type { Lang } from '../i18n/lang';
import { commandKeystrokes } from './command-keystrokes';
import { escapeThenTab } from './escape-then-tab';
import type { InputReport } from './input-backlog';
import { type ConnectionState, TerminalConnection } from './terminal-connection';
import { terminalSocketUrl } from './terminal-protocol';
import { terminalStringsFor } from './terminal-strings';
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

const theme = {
  background: '#0e1217',
  foreground: '#d8dee6',
  cursor: '#8ec5ff',
  cursorAccent: '#0e1217',
  selectionBackground: '#2d4a6b',
  black: '#1b2129',
  brightBlack: '#6b7785',
  red: '#ff7b72',
  brightRed: '#ffa198',
  green: '#7ee787',
  brightGreen: '#a5f0ac',
  yellow: '#e3b341',
  brightYellow: '#f2cc60',
  blue: '#79b8ff',
  brightBlue: '#a5d0ff',
  magenta: '#d2a8ff',
  brightMagenta: '#e2c5ff',
  cyan: '#76e3ea',
  brightCyan: '#b3f0ff',
  white: '#d8dee6',
  brightWhite: '#ffffff',
};

export function TerminalView({
  sandboxId,
  node,
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
  lang: Lang;
  /** The visible tab: carries data-testid="terminal" and gets refitted when shown. */
  active: boolean;
  /** False once the sandbox is known to be gone: the socket is closed and the screen kept. */
  live: boolean;
  label: string;
  /** Id of the keyboard hint (how to leave the terminal), read out when the terminal gets focus. */
  describedBy?: string;
  /** xterm's accessibility tree and live region (see applyScreenReaderMode). */
  screenReaderMode: boolean;
  connectionState: ConnectionState['kind'];
  isSandboxAlive: () => Promise<boolean>;
  onStateChange: (node: string, state: ConnectionState) => void;
  onInputReport: (node: string, report: InputReport) => void;
  onHandle: (node: string, handle: TerminalHandle | undefined) => void;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const fitRef = useRef<(() => void) | undefined>(undefined);
  const connRef = useRef<TerminalConnection | undefined>(undefined);
  const termRef = useRef<Terminal | undefined>(undefined);
  // Callbacks and words change identity on every render of the pane; the effect below must not re-run for
  // that, so it reads them from here.
  const latest = useRef({
    isSandboxAlive,
    onStateChange,
    onInputReport,
    onHandle,
    lang,
    label,
    describedBy,
    screenReaderMode,
  });
  latest.current = {
    isSandboxAlive,
    onStateChange,
    onInputReport,
    onHandle,
    lang,
    label,
    describedBy,
    screenReaderMode,
  };

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let term: Terminal | undefined;
    let conn: TerminalConnection | undefined;
    let observer: ResizeObserver | undefined;
    let releaseKeys = () => {};
    let frame = 0;
    const onOnline = () => conn?.reconnectNow();

    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([
        import('@xterm/xterm'),
        import('@xterm/addon-fit'),
      ]);
      if (disposed) return;
      const words = terminalStringsFor(latest.current.lang);
      Terminal.strings.promptLabel = words.promptLabel;
      Terminal.strings.tooMuchOutput = words.tooMuchOutput;
      const t = new Terminal({
        theme,
        fontFamily:
          'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
        fontSize: 13,
        lineHeight: 1.2,
        cursorBlink: true,
        scrollback: 5000,
        allowProposedApi: false,
        screenReaderMode: latest.current.screenReaderMode,
      });
      term = t;
      termRef.current = t;
      const fit: FitAddon = new FitAddon();
      t.loadAddon(fit);
      t.open(host);
      describeInput(t, latest.current.label, latest.current.describedBy);
      applyScreenReaderMode(t, host, latest.current.screenReaderMode, words.outputLabel);

      // The welcome goes at the top of every fresh screen (first connect, reload, restarted shell), in the
      // page's language; the shell's profile prints none (sandbox-agent/src/sandboxes/sandbox-manager.ts).
      let fresh = true;
      const c = new TerminalConnection({
        url: terminalSocketUrl(window.location, sandboxId, node),
        onData: (data) => t.write(data),
        onState: (state) => {
          if (state.kind === 'connected' && fresh && c.lastSeq === 0) {
            fresh = false;
            t.write(terminalStringsFor(latest.current.lang).welcome(node));
          }
          latest.current.onStateChange(node, state);
        },
        onNotice: (_code, message) => t.write(`\r\n\x1b[2m[berth] ${message}\x1b[0m\r\n`),
        onInputReport: (report) => latest.current.onInputReport(node, report),
        isSandboxAlive: () => latest.current.isSandboxAlive(),
      });
      conn = c;
      connRef.current = c;
      // Tab belongs to the shell (completion), so the terminal would trap keyboard users: Esc, then Tab
      // (or Shift+Tab) lets the browser move focus out instead, with nothing typed into the shell.
      const keys = escapeThenTab((data) => c.send(data));
      t.attachCustomKeyEventHandler((ev) => keys.handle(ev));
      t.onData((data) => c.send(data));
      t.onResize(({ cols, rows }) => c.resize(cols, rows));
      releaseKeys = () => keys.dispose();

      const refit = () => {
        // A hidden tab has no size; fitting it would shrink the remote shell to nothing.
        if (host.clientWidth === 0 || host.clientHeight === 0) return;
        fit.fit();
        c.resize(t.cols, t.rows);
        // The size the shell sees, for tests and anyone inspecting the page.
        host.dataset.cols = String(t.cols);
        host.dataset.rows = String(t.rows);
      };
      fitRef.current = refit;
      observer = new ResizeObserver(() => {
        cancelAnimationFrame(frame);
        frame = requestAnimationFrame(refit);
      });
      observer.observe(host);
      refit();
      window.addEventListener('online', onOnline);

      latest.current.onHandle(node, {
        run: (command) => {
          if (c.current.kind !== 'connected') return false;
          keys.flush();
          return c.send(commandKeystrokes(command)) === 'sent';
        },
        focus: () => t.focus(),
        reconnectNow: () => c.reconnectNow(),
        restartShell: () => {
          t.reset();
          fresh = true;
          c.restart();
        },
        acknowledgeInputReport: () => c.acknowledgeInputReport(),
      });
      c.start();
    })();

    return () => {
      disposed = true;
      cancelAnimationFrame(frame);
      window.removeEventListener('online', onOnline);
      observer?.disconnect();
      releaseKeys();
      conn?.dispose();
      term?.dispose();
      connRef.current = undefined;
      termRef.current = undefined;
      fitRef.current = undefined;
      latest.current.onHandle(node, undefined);
    };
  }, [sandboxId, node]);

  useEffect(() => {
    if (active) fitRef.current?.();
  }, [active]);

  useEffect(() => {
    if (!live) connRef.current?.dispose();
  }, [live]);

  useEffect(() => {
    const t = termRef.current;
    const host = hostRef.current;
    if (!t || !host) return;
    describeInput(t, label, describedBy);
    applyScreenReaderMode(t, host, screenReaderMode, terminalStringsFor(lang).outputLabel);
  }, [screenReaderMode, lang, label, describedBy]);

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
    />
  );
}

/** xterm's input (a textarea) is what has focus: give it the terminal's name and the keys to leave it. */
function describeInput(t: Terminal, label: string, describedBy: string | undefined): void {
  t.textarea?.setAttribute('aria-label', label);
  if (describedBy) t.textarea?.setAttribute('aria-describedby', describedBy);
}

/**
 * Screen-reader mode: xterm keeps an accessibility tree of the screen's rows (a list a screen reader can
 * read line by line) and a live region with new output, which stops after 20 lines with a note instead of
 * reading a flood aloud. Its live region is assertive; polite lets the reader finish echoing what was typed.
 */
function applyScreenReaderMode(t: Terminal, host: HTMLElement, on: boolean, outputLabel: string): void {
  if (t.options.screenReaderMode !== on) t.options.screenReaderMode = on;
  if (!on) return;
  host.querySelector('.xterm-accessibility .live-region')?.setAttribute('aria-live', 'polite');
  host.querySelector('.xterm-accessibility-tree')?.setAttribute('aria-label', outputLabel);
}
