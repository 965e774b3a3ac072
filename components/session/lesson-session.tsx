'use client';
// Everything the two panes of a lesson page share: the sandbox, the live terminals (so a Run button in the
// prose can type into one), the active node, and a small notice area. One per lesson page.
import { createContext, type ReactNode, useCallback, useContext, useMemo, useRef, useState } from 'react';
import type { Lang } from '../i18n/lang';
import type { TerminalHandle } from '../terminal/terminal-view';
import { type SandboxPhase, useSandboxLifecycle } from './use-sandbox-lifecycle';
import { useViewer } from './viewer-provider';

interface LessonSessionValue {
  lang: Lang;
  lessonId: string;
  /** Nodes the lesson expects; the sandbox's own list wins once it exists. */
  lessonNodes: readonly string[];
  phase: SandboxPhase;
  retry: () => void;
  stop: () => Promise<void>;
  /** Deletes the sandbox and starts a fresh one (the terminals follow the new sandbox). */
  reset: () => Promise<void>;
  markGone: () => void;
  isSandboxAlive: () => Promise<boolean>;
  activeNode: string;
  setActiveNode: (node: string) => void;
  registerTerminal: (node: string, handle: TerminalHandle | undefined) => void;
  /** Types a command into the active terminal and presses Enter; false if no terminal is connected. */
  runCommand: (command: string) => boolean;
  focusTerminal: () => void;
}

const LessonSessionContext = createContext<LessonSessionValue | null>(null);

export function LessonSession({
  lang,
  lessonId,
  nodes,
  children,
}: {
  lang: Lang;
  lessonId: string;
  nodes: readonly string[];
  children: ReactNode;
}) {
  const { viewer, refresh } = useViewer();
  const userId = viewer.status === 'signed-in' ? viewer.user.id : undefined;
  const { phase, retry, stop, reset, markGone, isSandboxAlive } = useSandboxLifecycle(
    lessonId,
    userId,
    refresh,
  );
  const [activeNode, setActiveNode] = useState(nodes[0] ?? 'node1');
  const terminals = useRef(new Map<string, TerminalHandle>());
  const activeRef = useRef(activeNode);
  activeRef.current = activeNode;

  const registerTerminal = useCallback((node: string, handle: TerminalHandle | undefined) => {
    if (handle) terminals.current.set(node, handle);
    else terminals.current.delete(node);
  }, []);

  const runCommand = useCallback((command: string) => {
    const handle = terminals.current.get(activeRef.current);
    // The shell wants Enter as \r; a multi-line block is typed line by line.
    if (!handle?.send(`${command.replace(/\r?\n/g, '\r')}\r`)) return false;
    // Keep typing where the command ran, but not on touch screens: focus would pop up the keyboard.
    if (!window.matchMedia('(pointer: coarse)').matches) handle.focus();
    return true;
  }, []);

  const focusTerminal = useCallback(() => terminals.current.get(activeRef.current)?.focus(), []);

  const value = useMemo<LessonSessionValue>(
    () => ({
      lang,
      lessonId,
      lessonNodes: nodes,
      phase,
      retry,
      stop,
      reset,
      markGone,
      isSandboxAlive,
      activeNode,
      setActiveNode,
      registerTerminal,
      runCommand,
      focusTerminal,
    }),
    [
      lang,
      lessonId,
      nodes,
      phase,
      retry,
      stop,
      reset,
      markGone,
      isSandboxAlive,
      activeNode,
      registerTerminal,
      runCommand,
      focusTerminal,
    ],
  );
  return <LessonSessionContext.Provider value={value}>{children}</LessonSessionContext.Provider>;
}

export function useLessonSession(): LessonSessionValue {
  const ctx = useContext(LessonSessionContext);
  if (!ctx) throw new Error('useLessonSession needs <LessonSession>');
  return ctx;
}
