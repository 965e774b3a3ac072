'use client';
// Everything the two panes of a lesson page share: the sandbox, the live terminals (so a Run button in the
// prose can type into one), the active node, and a small notice area. One per lesson page.
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Lang } from '../i18n/lang';
import type { TerminalHandle } from '../terminal/terminal-view';
import { rememberLastLesson } from './last-lesson';
import { type SandboxPhase, useSandboxLifecycle } from './use-sandbox-lifecycle';
import { useViewer } from './viewer-provider';

interface LessonSessionValue {
  lang: Lang;
  lessonId: string;
  /** Nodes the lesson expects; the sandbox's own list wins once it exists. */
  lessonNodes: readonly string[];
  /** Where the file editor opens (the lesson's working path). */
  editorPath: string;
  phase: SandboxPhase;
  retry: () => void;
  /** The learner's answer when a live sandbox of another lesson exists. */
  resolveConflict: (answer: 'keep' | 'replace') => void;
  stop: () => Promise<void>;
  /** Deletes the sandbox and starts a fresh one (the terminals follow the new sandbox). */
  reset: () => Promise<void>;
  markGone: () => void;
  isSandboxAlive: () => Promise<boolean>;
  activeNode: string;
  setActiveNode: (node: string) => void;
  registerTerminal: (node: string, handle: TerminalHandle | undefined) => void;
  /** Types a command into the active terminal, on a cleared line, and presses Enter; false if no terminal is connected. */
  runCommand: (command: string) => boolean;
  focusTerminal: () => void;
  /** Focus the active terminal now, or as soon as it is on screen (after a start). */
  focusTerminalWhenShown: () => void;
}

const LessonSessionContext = createContext<LessonSessionValue | null>(null);

export function LessonSession({
  lang,
  lessonId,
  nodes,
  editorPath,
  children,
}: {
  lang: Lang;
  lessonId: string;
  nodes: readonly string[];
  editorPath: string;
  children: ReactNode;
}) {
  const { viewer, refresh } = useViewer();
  const userId = viewer.status === 'signed-in' ? viewer.user.id : undefined;
  const { phase, retry, stop, reset, markGone, isSandboxAlive, resolveConflict } = useSandboxLifecycle(
    lessonId,
    userId,
    refresh,
  );
  const [activeNode, setActiveNode] = useState(nodes[0] ?? 'node1');
  const terminals = useRef(new Map<string, TerminalHandle>());
  const activeRef = useRef(activeNode);
  activeRef.current = activeNode;

  // The home page's "Continue" leads back here.
  useEffect(() => rememberLastLesson(lessonId), [lessonId]);

  const pendingFocus = useRef(false);
  const registerTerminal = useCallback((node: string, handle: TerminalHandle | undefined) => {
    if (handle) terminals.current.set(node, handle);
    else terminals.current.delete(node);
    if (handle && pendingFocus.current && node === activeRef.current) {
      pendingFocus.current = false;
      handle.focus();
    }
  }, []);
  const focusTerminalWhenShown = useCallback(() => {
    const handle = terminals.current.get(activeRef.current);
    if (handle) handle.focus();
    else pendingFocus.current = true;
  }, []);

  const runCommand = useCallback((command: string) => {
    const handle = terminals.current.get(activeRef.current);
    if (!handle?.run(command)) return false;
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
      editorPath,
      phase,
      retry,
      resolveConflict,
      stop,
      reset,
      markGone,
      isSandboxAlive,
      activeNode,
      setActiveNode,
      registerTerminal,
      runCommand,
      focusTerminal,
      focusTerminalWhenShown,
    }),
    [
      lang,
      lessonId,
      nodes,
      editorPath,
      phase,
      retry,
      resolveConflict,
      stop,
      reset,
      markGone,
      isSandboxAlive,
      activeNode,
      registerTerminal,
      runCommand,
      focusTerminal,
      focusTerminalWhenShown,
    ],
  );
  return <LessonSessionContext.Provider value={value}>{children}</LessonSessionContext.Provider>;
}

export function useLessonSession(): LessonSessionValue {
  const ctx = useContext(LessonSessionContext);
  if (!ctx) throw new Error('useLessonSession needs <LessonSession>');
  return ctx;
}
