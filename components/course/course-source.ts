// The one door from the pages to the course content (server side); the shapes the pages rely on are in
// course-types.ts, so a change in server/lessons shows up as a type error here and nowhere else.
import { getCatalog } from '@/server/lessons/get-catalog.ts';
import { getLesson } from '@/server/lessons/get-lesson.ts';
import type { Lang } from '../i18n/lang';
import type { CatalogLessonView, CatalogView, LessonView } from './course-types';

export async function loadCatalog(lang: Lang): Promise<CatalogView> {
  return await getCatalog(lang);
}

export async function loadLesson(lessonId: string, lang: Lang): Promise<LessonView | undefined> {
  return await getLesson(lessonId, lang);
}

/** The lessons just before and after `lessonId` in course order, for the links at the end of a lesson. */
export function neighbours(
  catalog: CatalogView,
  lessonId: string,
): { previous?: CatalogLessonView; next?: CatalogLessonView } {
  const all = catalog.chapters.flatMap((c) => c.lessons);
  const i = all.findIndex((l) => l.id === lessonId);
  if (i < 0) return {};
  return { previous: all[i - 1], next: all[i + 1] };
}
