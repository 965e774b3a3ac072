'use client';
// What an error boundary shows: calm, in the page's language, with a way back.
import { useEffect, useState } from 'react';
import { type Lang, parseLang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import buttons from '../ui/button.module.css';
import { BerthLogo } from './berth-logo';
import header from './site-header.module.css';
import styles from './status-page.module.css';

export function ErrorView({ error, retry }: { error: unknown; retry: () => void }) {
  const [lang, setLang] = useState<Lang>('en');
  useEffect(() => {
    setLang(parseLang(document.documentElement.lang) ?? 'en');
    console.error(error);
  }, [error]);
  const t = stringsFor(lang);
  const digest =
    typeof error === 'object' && error !== null && 'digest' in error && typeof error.digest === 'string'
      ? error.digest
      : undefined;
  return (
    <>
      <header className={header.header}>
        <div className={header.inner}>
          {/* A plain link: after an error a full reload is the safest way home. */}
          <a href="/" className={header.brand}>
            <BerthLogo />
            <span>{t.brand}</span>
          </a>
        </div>
      </header>
      <main id="main" className={styles.page} role="alert">
        <p className={styles.code} aria-hidden="true">
          !
        </p>
        <h1 className={styles.title}>{t.errorTitle}</h1>
        <p className={styles.body}>{t.errorBody}</p>
        {digest && <p className={styles.ref}>{t.errorRef(digest)}</p>}
        <div className={styles.actions}>
          <button type="button" className={`${buttons.button} ${buttons.primary}`} onClick={() => retry()}>
            {t.tryAgain}
          </button>
          <a href="/" className={buttons.button}>
            {t.backToCourse}
          </a>
        </div>
      </main>
    </>
  );
}
