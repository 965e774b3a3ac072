// One node's terminal on screen: xterm bound to its shell's connection, with the keys to leave it, the
// welcome, screen-reader mode and the Run button's way of typing. Loaded with xterm (terminal-view.tsx
// imports it when a terminal first shows), so none of it weighs on a lesson page without a sandbox.
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import type { Lang } from '../i18n/lang';
import { commandKeystrokes } from './command-keystrokes';
import { escapeThenTab } from './escape-then-tab';
import type { InputReport } from './input-backlog';
import { type ConnectionState, TerminalConnection } from './terminal-connection';
import { terminalSocketUrl } from './terminal-protocol';
import { isTerminalReport } from './terminal-report';
import { terminalStringsFor } from './terminal-strings';
import type { TerminalHandle } from './terminal-view';
import { wrapWords } from './wrap-words';

/** What may change while the terminal lives; read afresh whenever it matters. */
export interface TerminalSettings {
  lang: Lang;
  label: string;
  describedBy?: string;
  screenReaderMode: boolean;
  /** Watching without permission to type: keys are not sent (the server would refuse them anyway). */
  readOnly?: boolean;
}

export interface TerminalSession extends TerminalHandle {
  /** Fits the screen to its element (skipped while hidden) and tells the shell its size. */
  refit: () => void;
  /** Applies the current settings (label, description, screen-reader mode). */
  update: () => void;
  /** The sandbox is gone: close the socket, keep the screen. */
  disconnect: () => void;
  dispose: () => void;
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

/** How long after a (re)connect incoming output counts as replay. */
const REPLAY_WINDOW_MS = 1_000;

export function openTerminalSession(
  host: HTMLElement,
  opts: {
    sandboxId: string;
    node: string;
    /** Watch mode (/ws/terminal?watch=1): someone else's shell; no welcome, and its size is the owner's. */
    watch?: boolean;
    settings: () => TerminalSettings;
    isSandboxAlive: () => Promise<boolean>;
    onState: (state: ConnectionState) => void;
    onInputReport: (report: InputReport) => void;
  },
): TerminalSession {
  const { node } = opts;
  const words = terminalStringsFor(opts.settings().lang);
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
  });
  const fit = new FitAddon();
  t.loadAddon(fit);
  t.open(host);
  const update = () => {
    const s = opts.settings();
    describeInput(t, s.label, s.describedBy);
    t.options.disableStdin = !!s.readOnly;
    t.options.cursorBlink = !s.readOnly;
    applyScreenReaderMode(t, host, s.screenReaderMode, terminalStringsFor(s.lang).outputLabel);
  };
  update();

  // The welcome goes at the top of every fresh screen (first connect, reload, restarted shell), in the
  // page's language; the shell's profile prints none (sandbox-agent/src/sandboxes/sandbox-manager.ts).
  let fresh = true;
  // Output arriving just after a (re)connect is the replay; while xterm parses it, its answers to old
  // queries are dropped (terminal-report.ts).
  let replayUntil = 0;
  let replaying = 0;
  let prev: ConnectionState['kind'] = 'connecting';
  const c = new TerminalConnection({
    url: terminalSocketUrl(window.location, opts.sandboxId, node, opts.watch),
    onData: (data) => {
      if (Date.now() > replayUntil) return t.write(data);
      replaying += 1;
      t.write(data, () => {
        replaying -= 1;
      });
    },
    onState: (state) => {
      // A new socket (not a stalled one answering again): the server replays first.
      if (state.kind === 'connected' && prev !== 'stalled') replayUntil = Date.now() + REPLAY_WINDOW_MS;
      prev = state.kind;
      if (state.kind === 'connected' && fresh && c.lastSeq === 0 && !opts.watch) {
        fresh = false;
        t.write(wrapWords(terminalStringsFor(opts.settings().lang).welcome(node), t.cols));
      }
      opts.onState(state);
    },
    // A watcher's page shows whether it may type; the refusal of a key is not worth a line on the screen.
    onNotice: (code, message) => {
      if (opts.watch && code === 'read_only') return;
      t.write(`\r\n\x1b[2m[berth] ${message}\x1b[0m\r\n`);
    },
    onInputReport: opts.onInputReport,
    isSandboxAlive: opts.isSandboxAlive,
  });
  // Tab belongs to the shell (completion), so the terminal would trap keyboard users: Esc, then Tab
  // (or Shift+Tab) lets the browser move focus out instead, with nothing typed into the shell.
  const keys = escapeThenTab((data) => c.send(data));
  t.attachCustomKeyEventHandler((ev) => keys.handle(ev));
  t.onData((data) => {
    if (replaying > 0 && isTerminalReport(data)) return;
    if (opts.settings().readOnly) return;
    c.send(data);
  });
  // The owner's size wins: a watcher fits its own screen but tells the shell nothing.
  t.onResize(({ cols, rows }) => !opts.watch && c.resize(cols, rows));

  const refit = () => {
    // A hidden tab has no size; fitting it would shrink the remote shell to nothing.
    if (host.clientWidth === 0 || host.clientHeight === 0) return;
    fit.fit();
    if (!opts.watch) c.resize(t.cols, t.rows);
    // The size the shell sees, for tests and anyone inspecting the page.
    host.dataset.cols = String(t.cols);
    host.dataset.rows = String(t.rows);
  };
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(refit);
  });
  observer.observe(host);
  refit();
  const onOnline = () => c.reconnectNow();
  window.addEventListener('online', onOnline);
  c.start();

  return {
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
    refit,
    update,
    disconnect: () => c.dispose(),
    dispose: () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('online', onOnline);
      observer.disconnect();
      keys.dispose();
      c.dispose();
      t.dispose();
    },
  };
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
