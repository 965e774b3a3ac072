// The two languages of Berth and how a request picks one: ?lang= beats the berth_lang cookie beats English.
export const LANGS = ['en', 'zh'] as const;
export type Lang = (typeof LANGS)[number];

export const LANG_COOKIE = 'berth_lang';
export const LANG_COOKIE_MAX_AGE = 60 * 60 * 24 * 365;

export function parseLang(value: unknown): Lang | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.toLowerCase();
  if (v === 'zh' || v.startsWith('zh-')) return 'zh';
  if (v === 'en' || v.startsWith('en-')) return 'en';
  return undefined;
}

export function resolveLang(param: unknown, cookie: unknown): Lang {
  const fromParam = Array.isArray(param) ? param[0] : param;
  return parseLang(fromParam) ?? parseLang(cookie) ?? 'en';
}

/** The `lang` attribute value for <html>: the plain language code (`zh` is Simplified Chinese here). */
export function htmlLang(lang: Lang): string {
  return lang;
}

/** Browser side: remember the choice so pages without ?lang= follow it. */
export function rememberLang(lang: Lang): void {
  // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie; the Cookie Store API is not in every browser we support.
  document.cookie = `${LANG_COOKIE}=${lang}; Path=/; Max-Age=${LANG_COOKIE_MAX_AGE}; SameSite=Lax`;
}
