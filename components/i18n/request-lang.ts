// Server side: the language of the current request (?lang= param, else the berth_lang cookie, else English).
import { cookies } from 'next/headers';
import { LANG_COOKIE, type Lang, resolveLang } from './lang';

export async function requestLang(
  searchParams?: Promise<Record<string, string | string[] | undefined>>,
): Promise<Lang> {
  const [params, jar] = await Promise.all([searchParams, cookies()]);
  return resolveLang(params?.lang, jar.get(LANG_COOKIE)?.value);
}
