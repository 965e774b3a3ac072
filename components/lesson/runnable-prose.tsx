'use client';
// Lesson prose with live "Run ▶" buttons: one delegated listener sends a block's command to the terminal.
// Its children are the prose's parts (lesson-prose.tsx), each styled with this module's .prose.
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { stringsFor } from '../i18n/strings';
import { useLessonSession } from '../session/lesson-session';
import styles from './runnable-prose.module.css';

export function RunnableProse({ children }: { children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  const session = useLessonSession();
  const { runCommand } = session;
  const t = stringsFor(session.lang);
  const [notice, setNotice] = useState<{ text: string; showTerminal: boolean } | undefined>();

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    const onClick = (e: MouseEvent) => {
      const button = (e.target as Element | null)?.closest<HTMLElement>('[data-run-code]');
      if (!button || !root.contains(button)) return;
      e.preventDefault();
      const command = button.dataset.runCode ?? '';
      if (!command) return;
      if (!runCommand(command)) {
        setNotice({ text: t.terminalNotReady, showTerminal: false });
        return;
      }
      // On a phone the terminal is below the prose: say where the command went.
      const terminal = document.getElementById('terminal-pane');
      const visible = terminal && terminal.getBoundingClientRect().top < window.innerHeight;
      setNotice(visible ? undefined : { text: `${command}`, showTerminal: true });
    };
    root.addEventListener('click', onClick);
    return () => root.removeEventListener('click', onClick);
  }, [runCommand, t]);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(undefined), 4000);
    return () => clearTimeout(timer);
  }, [notice]);

  return (
    <>
      <div ref={ref}>{children}</div>
      <div className={styles.toastRegion} role="status" aria-live="polite">
        {notice && (
          <div className={styles.toast}>
            <span className={styles.toastText}>
              {notice.showTerminal ? <code>{notice.text}</code> : notice.text}
            </span>
            {notice.showTerminal && (
              <a className={styles.toastLink} href="#terminal-pane">
                {t.terminalPane} ↓
              </a>
            )}
          </div>
        )}
      </div>
    </>
  );
}
