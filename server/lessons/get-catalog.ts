import type { Catalog } from '../../contract/public-api.ts';
import type { Course } from './course-types.ts';
import type { Lang } from './lang.ts';
import { loadCourse } from './load-course.ts';

// GET /api/lessons: the catalog in one language, with summaries, minutes and "coming soon" chapters.
export async function getCatalog(lang: Lang): Promise<Catalog> {
  return buildCatalog(await loadCourse(), lang);
}

export function buildCatalog(course: Course, lang: Lang): Catalog {
  return {
    chapters: course.chapters.map((chapter) => {
      const lessons = chapter.lessonIds.flatMap((id) => {
        const lesson = course.lessons.get(id);
        if (!lesson) return [];
        return [
          {
            id: lesson.id,
            title: lesson.title[lang],
            summary: lesson.summary[lang],
            minutes: lesson.minutes,
            exercises: lesson.exercises.map((e) => ({ id: e.id, title: e.title[lang] })),
          },
        ];
      });
      return {
        id: chapter.id,
        title: chapter.title[lang],
        summary: chapter.summary[lang],
        comingSoon: lessons.length === 0,
        lessons,
      };
    }),
  };
}
