import type { IncomingMessage } from 'node:http';

/** Request header carrying the page's ?lang= to pages Next renders without their search params (404). */
export const LANG_HEADER = 'x-berth-lang';

// Set from the URL on every request (a client's own value is dropped), so app/not-found.tsx can follow
// ?lang= like every other page does (components/i18n/request-lang.ts).
export function stampLangHeader(req: IncomingMessage): void {
  delete req.headers[LANG_HEADER];
  const query = req.url?.indexOf('?') ?? -1;
  if (query < 0) return;
  const lang = new URLSearchParams(req.url?.slice(query + 1)).get('lang');
  if (lang) req.headers[LANG_HEADER] = lang.slice(0, 16);
}
