'use client';
// The strip under the terminal: how to leave it by keyboard (or what became of the learner's typing while
// the connection was away), and the screen-reader mode switch. Leaving the terminal forwards lands here.
import type { Lang } from '../i18n/lang';
import a11y from '../ui/sr-only.module.css';
import type { InputReport } from './input-backlog';
import styles from './terminal-footer.module.css';
import { terminalStringsFor } from './terminal-strings';

export function TerminalFooter({
  lang,
  keysId,
  inputReport,
  screenReaderMode,
  onScreenReaderMode,
}: {
  lang: Lang;
  /** Id of the description the terminal's input points at (aria-describedby). */
  keysId: string;
  inputReport: InputReport;
  screenReaderMode: boolean;
  onScreenReaderMode: (on: boolean) => void;
}) {
  const w = terminalStringsFor(lang);
  const notice =
    inputReport.notSent > 0
      ? { text: w.inputNotSent(inputReport.notSent), tone: styles.bad }
      : inputReport.unconfirmed > 0
        ? { text: w.inputUnconfirmed(inputReport.unconfirmed), tone: styles.bad }
        : inputReport.waiting > 0
          ? { text: w.inputWaiting(inputReport.waiting), tone: styles.busy }
          : undefined;
  return (
    <div className={styles.footer}>
      {/* Always in the page, so a report that appears in it is announced. */}
      <p className={styles.message} role="status" data-testid="terminal-input-report">
        {notice ? (
          <span className={notice.tone}>{notice.text}</span>
        ) : (
          <span className={styles.keys}>{w.leaveKeys}</span>
        )}
      </p>
      <p id={keysId} className={a11y.srOnly}>
        {w.keysDescription} {screenReaderMode ? w.screenReaderOn : w.screenReaderOff}
      </p>
      <label className={styles.switch}>
        <input
          type="checkbox"
          role="switch"
          aria-checked={screenReaderMode}
          checked={screenReaderMode}
          onChange={(e) => onScreenReaderMode(e.currentTarget.checked)}
          data-testid="screen-reader-mode"
        />
        {w.screenReaderMode}
      </label>
    </div>
  );
}
