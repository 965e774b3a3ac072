// How far a learner is through the course, per lesson and per chapter, from their check results (GET
// /api/progress's data). Done: every exercise passed; started: some exercise checked (passed or not).
import type { Catalog, Progress } from '../../contract/public-api';

export type ProgressState = 'done' | 'started' | 'new';

export interface PartProgress {
  readonly done: number;
  readonly total: number;
  readonly state: ProgressState;
}

export interface CourseProgress {
  readonly lessons: ReadonlyMap<string, PartProgress>;
  readonly chapters: ReadonlyMap<string, PartProgress>;
}

/** undefined when there is nothing to show: no learner, or one who has not checked anything yet. */
export function courseProgress(catalog: Catalog, progress: Progress | undefined): CourseProgress | undefined {
  if (!progress || progress.exercises.length === 0) return undefined;
  const byId = new Map(progress.exercises.map((e) => [e.exerciseId, e]));
  const partOf = (exerciseIds: readonly string[]): PartProgress => {
    const done = exerciseIds.filter((id) => byId.get(id)?.passed).length;
    const touched = exerciseIds.some((id) => byId.has(id));
    const total = exerciseIds.length;
    const state = total > 0 && done === total ? 'done' : touched ? 'started' : 'new';
    return { done, total, state };
  };
  const lessons = new Map<string, PartProgress>();
  const chapters = new Map<string, PartProgress>();
  for (const chapter of catalog.chapters) {
    const ids = chapter.lessons.flatMap((lesson) => {
      const exerciseIds = lesson.exercises.map((e) => e.id);
      lessons.set(lesson.id, partOf(exerciseIds));
      return exerciseIds;
    });
    chapters.set(chapter.id, partOf(ids));
  }
  return { lessons, chapters };
}
