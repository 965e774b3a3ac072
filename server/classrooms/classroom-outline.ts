import { z } from 'zod';
import type { Classroom } from '../db/client.ts';
import type { Lang } from '../lessons/lang.ts';
import { loadCourse } from '../lessons/load-course.ts';

// What a classroom covers, in the page's language: its lessons in the instructor's order, each with its
// exercises and their tasks — the grid's columns and the heatmap's rows. A lesson no longer in the course
// (renamed since the classroom was made) is left out.
export interface ClassroomOutline {
  lessons: {
    id: string;
    title: string;
    exercises: { id: string; title: string; tasks: { id: string; title: string }[] }[];
  }[];
}

export async function classroomOutline(
  classroom: Pick<Classroom, 'lessonIds'>,
  lang: Lang,
): Promise<ClassroomOutline> {
  const course = await loadCourse();
  const ids = z.array(z.string()).parse(JSON.parse(classroom.lessonIds));
  const outline: ClassroomOutline = { lessons: [] };
  for (const id of ids) {
    const lesson = course.lessons.get(id);
    if (!lesson) continue;
    outline.lessons.push({
      id,
      title: lesson.title[lang],
      exercises: lesson.exercises.map((e) => ({
        id: e.id,
        title: e.title[lang],
        tasks: e.tasks.map((t) => ({ id: t.id, title: t.title[lang] })),
      })),
    });
  }
  return outline;
}
