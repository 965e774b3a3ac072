import type { LessonView, QuestionView } from '../../contract/public-api.ts';
import type { AnswerDef, Course } from './course-types.ts';
import type { Lang } from './lang.ts';
import { loadCourse } from './load-course.ts';

// What a lesson page shows, in one language. Task hints and solutions stay on the server.
export async function getLesson(lessonId: string, lang: Lang): Promise<LessonView | undefined> {
  return buildLessonView(await loadCourse(), lessonId, lang);
}

export function buildLessonView(course: Course, lessonId: string, lang: Lang): LessonView | undefined {
  const lesson = course.lessons.get(lessonId);
  if (!lesson) return undefined;
  const chapter = course.chapters.find((c) => c.id === lesson.chapterId);
  return {
    id: lesson.id,
    chapterId: lesson.chapterId,
    chapterTitle: chapter?.title[lang] ?? lesson.chapterId,
    title: lesson.title[lang],
    summary: lesson.summary[lang],
    minutes: lesson.minutes,
    nodes: [...lesson.nodes],
    editorPath: lesson.editorPath,
    html: lesson.html[lang],
    sections: [...lesson.sections[lang]],
    exercises: lesson.exercises.map((e) => ({
      id: e.id,
      title: e.title[lang],
      node: e.node,
      tasks: e.tasks.map((t) => ({
        id: t.id,
        title: t.title[lang],
        ...(t.answer && { question: questionView(t.answer, lang) }),
      })),
      hints: e.hints.map((h) => h[lang]),
      quiz: e.pureQuiz,
    })),
  };
}

// What the page needs to ask the question: never `correct` or a value.
function questionView(answer: AnswerDef, lang: Lang): QuestionView {
  if (answer.kind !== 'choice') return { typed: true };
  return {
    multiple: answer.correct.length > 1,
    choices: answer.choices.map((c) => ({ id: c.id, label: c.label[lang] })),
  };
}
