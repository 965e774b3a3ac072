'use client';
// The learner's resume code, shown this once after joining: large, in groups, with a copy button and what
// it is for. The code lives only in this component's state: leaving the page forgets it.
import { useId, useRef, useState } from 'react';
import type { Lang } from '../i18n/lang';
import buttons from '../ui/button.module.css';
import { CheckIcon } from '../ui/icons';
import { groupCode } from './access-code';
import { copyText } from './copy-text';
import { entryStringsFor } from './entry-strings';
import styles from './resume-code-card.module.css';

export function ResumeCodeCard({ lang, resumeCode }: { lang: Lang; resumeCode: string }) {
  const t = entryStringsFor(lang);
  const id = useId();
  const codeRef = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const grouped = groupCode(resumeCode);
  return (
    <section className={styles.box} aria-labelledby={`${id}-title`} aria-describedby={`${id}-once`}>
      <h2 id={`${id}-title`} className={styles.title}>
        {t.resumeCodeTitle}
      </h2>
      <p className={styles.codeRow}>
        <code ref={codeRef} className={styles.code} data-testid="resume-code">
          {grouped}
        </code>
        <button
          type="button"
          className={`${buttons.button} ${styles.copy}`}
          data-testid="copy-resume-code"
          onClick={async () => setCopied((await copyText(grouped, codeRef.current)) ? 'yes' : 'failed')}
        >
          {copied === 'yes' ? <CheckIcon /> : <CopyIcon />}
          {t.copy}
        </button>
        <span className={copied === 'failed' ? styles.statusFailed : styles.status} role="status">
          {copied === 'yes' ? t.copied : copied === 'failed' ? t.copyFailed : ''}
        </span>
      </p>
      <p id={`${id}-once`} className={styles.once}>
        <strong>{t.resumeCodeOnce}</strong>
      </p>
      <p className={styles.how}>{t.resumeCodeHow(`${window.location.origin}/resume`)}</p>
    </section>
  );
}

function CopyIcon() {
  return (
    <svg width={16} height={16} viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none">
      <rect x="5" y="5" width="8.5" height="8.5" rx="1.5" stroke="currentColor" strokeWidth={1.6} />
      <path
        d="M10.5 3V2.5A1.5 1.5 0 0 0 9 1H3.5A1.5 1.5 0 0 0 2 2.5V8A1.5 1.5 0 0 0 3.5 9.5H4"
        stroke="currentColor"
        strokeWidth={1.6}
      />
    </svg>
  );
}
