// Server side: the language of the current request (?lang= param, else the berth_lang cookie, else English).
import { cookies, headers } from 'next/headers';
import { LANG_COOKIE, type Lang, resolveLang } from './lang';

/** server/http/lang-header.ts sets it from ?lang= for pages rendered without search params (the 404 page). */
const LANG_HEADER = 'x-berth-lang';

export async function requestLang(
  searchParams?: Promise<Record<string, string | string[] | undefined>>,
): Promise<Lang> {
  const [params, jar, head] = await Promise.all([searchParams, cookies(), headers()]);
  const param = searchParams ? params?.lang : (head.get(LANG_HEADER) ?? undefined);
  return resolveLang(param, jar.get(LANG_COOKIE)?.value);
}
