// The course's languages. Every piece of learner-facing text exists in each of them.
export const langs = ['en', 'zh'] as const;

export type Lang = (typeof langs)[number];

export type LocalizedText = Readonly<Record<Lang, string>>;

// Anything that is not exactly a known language (query strings, cookies, headers) falls back to English.
export function parseLang(x: unknown): Lang {
  const value = Array.isArray(x) ? x[0] : x;
  if (typeof value !== 'string') return 'en';
  const lower = value.trim().toLowerCase();
  if (lower === 'zh' || lower.startsWith('zh-')) return 'zh';
  return 'en';
}
