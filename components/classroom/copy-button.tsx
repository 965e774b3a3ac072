'use client';
// Copies a text (the join code, the link) and says so for a moment, to the eye and to screen readers.
import { useEffect, useState } from 'react';
import buttons from '../ui/button.module.css';
import { CheckIcon } from '../ui/icons';

/** The Clipboard API where the page may use it (HTTPS or localhost); else select `shown` and the old
 * execCommand('copy'), which a class on a plain-HTTP LAN address needs. */
async function copyText(text: string, shown: HTMLElement | null): Promise<boolean> {
  if (window.isSecureContext && navigator.clipboard) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (permissions, focus): fall through to the selection.
    }
  }
  if (!shown) return false;
  const range = document.createRange();
  range.selectNodeContents(shown);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  try {
    // Deprecated, yet the only copy that works without a secure context; the text stays selected either way.
    return document.execCommand('copy');
  } catch {
    return false;
  }
}

export function CopyButton({
  text,
  label,
  copyWord,
  copiedWord,
  testId,
}: {
  text: string;
  /** The accessible name: what is copied. */
  label: string;
  copyWord: string;
  copiedWord: string;
  testId?: string;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <button
      type="button"
      className={`${buttons.button} ${buttons.small}`}
      aria-label={label}
      data-testid={testId}
      onClick={(e) => {
        // The text shown beside the button, selected for copying where the Clipboard API is not allowed (a
        // classroom's plain-HTTP address on the LAN).
        const shown = e.currentTarget.parentElement?.querySelector<HTMLElement>('[data-copy-source]') ?? null;
        void copyText(text, shown).then(setCopied);
      }}
    >
      {copied && <CheckIcon />}
      <span aria-live="polite">{copied ? copiedWord : copyWord}</span>
    </button>
  );
}
