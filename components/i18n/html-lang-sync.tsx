'use client';
// Keeps <html lang> and the berth_lang cookie in step with the page's language. The root layout only sees
// the cookie; a ?lang= link or a client-side switch changes the language without re-rendering <html>.
import { useLayoutEffect } from 'react';
import { htmlLang, LANG_COOKIE, type Lang, rememberLang } from './lang';

export function HtmlLangSync({ lang }: { lang: Lang }) {
  // A layout effect: <html lang> changes in the same commit as the text, never a frame later.
  useLayoutEffect(() => {
    document.documentElement.lang = htmlLang(lang);
    const cookie = document.cookie.split('; ').find((c) => c.startsWith(`${LANG_COOKIE}=`));
    if (cookie?.slice(LANG_COOKIE.length + 1) !== lang) rememberLang(lang);
  }, [lang]);
  return null;
}
