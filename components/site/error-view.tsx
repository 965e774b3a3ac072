'use client';
// What an error boundary shows: calm, in the page's language, with a way back.
import { useEffect, useState } from 'react';
import { type Lang, parseLang } from '../i18n/lang';
import { stringsFor } from '../i18n/strings';
import { BerthLogo } from './berth-logo';

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
      <header className="site-header">
        <div className="site-header-inner">
          {/* A plain link: after an error a full reload is the safest way home. */}
          <a href="/" className="brand">
            <BerthLogo />
            <span className="brand-name">{t.brand}</span>
          </a>
        </div>
      </header>
      <main id="main" className="status-page" role="alert">
        <p className="status-code" aria-hidden="true">
          !
        </p>
        <h1 className="status-title">{t.errorTitle}</h1>
        <p className="status-body">{t.errorBody}</p>
        {digest && <p className="status-ref">{t.errorRef(digest)}</p>}
        <div className="status-actions">
          <button type="button" className="button button-primary" onClick={() => retry()}>
            {t.tryAgain}
          </button>
          <a href="/" className="button">
            {t.backToCourse}
          </a>
        </div>
      </main>
    </>
  );
}
