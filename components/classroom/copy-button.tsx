'use client';
// Copies a text (the join code, the link) and says so for a moment, to the eye and to screen readers.
import { useEffect, useState } from 'react';
import { copyText } from '../entry/copy-text';
import buttons from '../ui/button.module.css';
import { CheckIcon } from '../ui/icons';

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
