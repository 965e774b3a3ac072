'use client';
// One xterm.js terminal bound to one node's shell. xterm is imported on the client only, after mount.
import '@xterm/xterm/css/xterm.css';
import type { FitAddon } from '@xterm/addon-fit';
import type { Terminal } from '@xterm/xterm';
import { useEffect, useRef } from 'react';
import { type ConnectionState, TerminalConnection } from './terminal-connection';
import { terminalSocketUrl } from './terminal-protocol';
import styles from './terminal-view.module.css';

/** What the rest of the page may do with a live terminal. */
export interface TerminalHandle {
  /** Types `data` into the shell; false when not connected. */
  send: (data: string) => boolean;
  focus: () => void;
  reconnectNow: () => void;
  restartShell: () => void;
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
  active,
  live,
  label,
  describedBy,
  connectionState,
  isSandboxAlive,
  onStateChange,
  onHandle,
}: {
  sandboxId: string;
  node: string;
  /** The visible tab: carries data-testid="terminal" and gets refitted when shown. */
  active: boolean;
  /** False once the sandbox is known to be gone: the socket is closed and the screen kept. */
  live: boolean;
  label: string;
  /** Id of the keyboard hint (how to leave the terminal). */
  describedBy?: string;
  connectionState: ConnectionState['kind'];
  isSandboxAlive: () => Promise<boolean>;
  onStateChange: (node: string, state: ConnectionState) => void;
  onHandle: (node: string, handle: TerminalHandle | undefined) => void;
}) {
  const hostRef = useRef<HTMLDivElement>(null);
  const fitRef = useRef<(() => void) | undefined>(undefined);
  const connRef = useRef<TerminalConnection | undefined>(undefined);
  // Callbacks change identity on every render of the pane; the effect below must not re-run for that.
  const latest = useRef({ isSandboxAlive, onStateChange, onHandle });
  latest.current = { isSandboxAlive, onStateChange, onHandle };

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    let disposed = false;
    let term: Terminal | undefined;
    let conn: TerminalConnection | undefined;
    let observer: ResizeObserver | undefined;
    let frame = 0;
    const onOnline = () => conn?.reconnectNow();

    void (async () => {
      const [{ Terminal }, { FitAddon }] = await Promise.all([
        import('@xterm/xterm'),
        import('@xterm/addon-fit'),
      ]);
      if (disposed) return;
      const t = new Terminal({
        theme,
        fontFamily:
          'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", monospace',
        fontSize: 14,
        lineHeight: 1.2,
        cursorBlink: true,
        scrollback: 5000,
        allowProposedApi: false,
      });
      term = t;
      const fit: FitAddon = new FitAddon();
      t.loadAddon(fit);
      t.open(host);

      const c = new TerminalConnection({
        url: terminalSocketUrl(window.location, sandboxId, node),
        onData: (data) => t.write(data),
        onState: (state) => latest.current.onStateChange(node, state),
        onNotice: (_code, message) => t.write(`\r\n\x1b[2m[berth] ${message}\x1b[0m\r\n`),
        isSandboxAlive: () => latest.current.isSandboxAlive(),
      });
      conn = c;
      connRef.current = c;
      t.onData((data) => c.send(data));
      // Tab belongs to the shell (completion), so the terminal would trap keyboard users:
      // Escape then Tab (or Shift+Tab) lets the browser move focus out instead.
      let escaped = false;
      t.attachCustomKeyEventHandler((ev) => {
        if (ev.type !== 'keydown') return true;
        if (ev.key === 'Tab' && escaped) {
          escaped = false;
          return false;
        }
        escaped = ev.key === 'Escape';
        return true;
      });
      t.onResize(({ cols, rows }) => c.resize(cols, rows));

      const refit = () => {
        // A hidden tab has no size; fitting it would shrink the remote shell to nothing.
        if (host.clientWidth === 0 || host.clientHeight === 0) return;
        fit.fit();
        c.resize(t.cols, t.rows);
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
        send: (data) => c.send(data),
        focus: () => t.focus(),
        reconnectNow: () => c.reconnectNow(),
        restartShell: () => {
          t.reset();
          c.restart();
        },
      });
      c.start();
    })();

    return () => {
      disposed = true;
      cancelAnimationFrame(frame);
      window.removeEventListener('online', onOnline);
      observer?.disconnect();
      conn?.dispose();
      term?.dispose();
      connRef.current = undefined;
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
