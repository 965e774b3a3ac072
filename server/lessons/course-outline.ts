// The course's chapters, in order. Fixed on purpose: chapter ids are published URLs that never change,
// and a misspelled folder (say `06-networkin`) must be a lint error, not a silently new chapter.
export const chapterFolders = [
  '01-concepts',
  '02-images',
  '03-containers',
  '04-registries',
  '05-data',
  '06-networking',
  '07-internals',
] as const;

export type ChapterFolder = (typeof chapterFolders)[number];

// `06-networking` → `networking`
export function chapterIdOf(folder: string): string {
  return folder.replace(/^\d+-/, '');
}
