import type { Catalog, CatalogLesson } from '../../contract/public-api';

/** The lessons just before and after `lessonId` in course order, for the links at the end of a lesson. */
export function neighbours(
  catalog: Catalog,
  lessonId: string,
): { previous?: CatalogLesson; next?: CatalogLesson } {
  const all = catalog.chapters.flatMap((c) => c.lessons);
  const i = all.findIndex((l) => l.id === lessonId);
  if (i < 0) return {};
  return { previous: all[i - 1], next: all[i + 1] };
}
