// What the pages need from the course, in one place; the server's lesson loader must fit these shapes.
export interface CatalogExerciseView {
  readonly id: string;
  readonly title: string;
}
export interface CatalogLessonView {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly minutes: number;
  readonly exercises: readonly CatalogExerciseView[];
}
export interface CatalogChapterView {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly comingSoon: boolean;
  readonly lessons: readonly CatalogLessonView[];
}
export interface CatalogView {
  readonly chapters: readonly CatalogChapterView[];
}
export interface LessonExerciseView {
  readonly id: string;
  readonly title: string;
  readonly node: string;
  readonly tasks: readonly { readonly id: string; readonly title: string }[];
  readonly hints: readonly string[];
}
export interface LessonView {
  readonly id: string;
  readonly chapterId: string;
  readonly chapterTitle: string;
  readonly title: string;
  readonly summary: string;
  readonly minutes: number;
  readonly nodes: readonly string[];
  /** Trusted HTML rendered from the lesson's Markdown at load time. */
  readonly html: string;
  readonly exercises: readonly LessonExerciseView[];
}
