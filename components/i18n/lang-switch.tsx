'use client';
// en ↔ 中文. A link to the same page with ?lang=, remembered in the berth_lang cookie; client-side
// navigation keeps the page's live state (the terminal stays connected while the prose changes language).
import Link from 'next/link';
import { type Lang, rememberLang } from './lang';
import styles from './lang-switch.module.css';

export function LangSwitch({
  target,
  href,
  text,
  label,
}: {
  target: Lang;
  href: string;
  text: string;
  label: string;
}) {
  return (
    <Link
      href={href}
      scroll={false}
      className={styles.switch}
      data-testid="lang-switch"
      hrefLang={target}
      lang={target}
      aria-label={label}
      onClick={() => rememberLang(target)}
    >
      <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        <circle cx="8" cy="8" r="6.25" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path
          d="M1.75 8h12.5M8 1.75c2 2 2 10.5 0 12.5M8 1.75c-2 2-2 10.5 0 12.5"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
        />
      </svg>
      <span>{text}</span>
    </Link>
  );
}
