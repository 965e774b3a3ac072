import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { slugSchema } from '../../contract/ids.ts';
import type { AnswerFile } from './answer-schema.ts';
import { chapterFolders, chapterIdOf } from './course-outline.ts';
import type { AnswerDef, ChapterDef, Course, ExerciseDef, LessonDef, TaskDef } from './course-types.ts';
import { lintExerciseMarkers } from './exercise-markers.ts';
import { type Lang, langs } from './lang.ts';
import {
  chapterFileSchema,
  isPureQuiz,
  type LessonFile,
  lessonFileSchema,
  nodeNames,
  type TaskFile,
} from './lesson-schema.ts';
import { isLintError, type LintIssue, sortLintIssues } from './lint-issue.ts';
import { lintProse } from './lint-prose.ts';
import { renderProse } from './render-markdown.ts';
import { parseYamlFile, validateYaml } from './yaml-source.ts';

// Reads and validates the whole lessons folder. Every problem is collected (not thrown on the first)
// so one lint run shows an author everything to fix; the Course exists only when there is none.

export interface CourseReading {
  readonly course?: Course;
  readonly issues: readonly LintIssue[];
  /** Lesson folders found, valid or not. */
  readonly lessonCount: number;
}

interface Reader {
  readonly issues: LintIssue[];
  /** Path relative to the repository root (the lessons folder's parent), with forward slashes. */
  rel(abs: string): string;
  fileIssue(abs: string, message: string): void;
}

export async function readCourse(dir: string): Promise<CourseReading> {
  const lessonsDir = path.resolve(dir);
  const root = path.dirname(lessonsDir);
  const issues: LintIssue[] = [];
  const reader: Reader = {
    issues,
    rel: (abs) => path.relative(root, abs).split(path.sep).join('/'),
    fileIssue: (abs, message) => issues.push({ file: reader.rel(abs), line: 1, column: 1, message }),
  };

  const entries = await listDirs(lessonsDir);
  if (!entries) {
    reader.fileIssue(lessonsDir, 'lessons folder not found');
    return { issues, lessonCount: 0 };
  }
  const known = new Set<string>(chapterFolders);
  for (const name of entries.filter((n) => !known.has(n))) {
    const sameId = chapterFolders.find((folder) => chapterIdOf(folder) === chapterIdOf(name));
    const advice = sameId ? `did you mean "${sameId}"?` : `chapters are: ${chapterFolders.join(', ')}`;
    reader.fileIssue(path.join(lessonsDir, name), `unknown chapter folder "${name}"; ${advice}`);
  }

  const chapters: ChapterDef[] = [];
  const lessons = new Map<string, LessonDef>();
  let lessonCount = 0;
  for (const folder of chapterFolders) {
    const chapter = await readChapter(reader, lessonsDir, folder);
    lessonCount += chapter.lessonCount;
    if (chapter.def) chapters.push(chapter.def);
    for (const lesson of chapter.lessons) lessons.set(lesson.id, lesson);
  }

  // Warnings (likely stale translations) are reported; only errors keep the course from loading.
  if (issues.some(isLintError)) return { issues: sortLintIssues(issues), lessonCount };
  const exercises = new Map<string, ExerciseDef>();
  for (const lesson of lessons.values()) for (const e of lesson.exercises) exercises.set(e.id, e);
  return {
    course: { dir: lessonsDir, chapters, lessons, exercises },
    issues: sortLintIssues(issues),
    lessonCount,
  };
}

async function readChapter(
  reader: Reader,
  lessonsDir: string,
  folder: string,
): Promise<{ def?: ChapterDef; lessons: LessonDef[]; lessonCount: number }> {
  const chapterDir = path.join(lessonsDir, folder);
  const chapterId = chapterIdOf(folder);
  const yamlPath = path.join(chapterDir, 'chapter.yaml');
  const lessonDirs = await listDirs(chapterDir);
  const text = await readText(yamlPath);
  if (text === undefined) {
    reader.fileIssue(
      yamlPath,
      lessonDirs
        ? 'chapter.yaml is missing'
        : `chapter folder ${folder} is missing; create it with a chapter.yaml`,
    );
  }
  const yaml = parseYamlFile(text ?? '', reader.rel(yamlPath));
  const { data } =
    text === undefined ? {} : collect(reader, validateYaml(yaml, chapterFileSchema), yaml.issues);

  const folders = lessonDirs ?? [];
  const listed = data?.lessons ?? [];
  for (const [i, name] of listed.entries()) {
    if (!folders.includes(name)) {
      reader.issues.push({
        file: yaml.file,
        ...yaml.positionOf(['lessons', i]),
        message: `lessons[${i}]: lesson folder ${folder}/${name} not found`,
      });
    }
  }
  if (data) {
    for (const name of folders.filter((n) => !listed.includes(n))) {
      reader.issues.push({
        file: yaml.file,
        ...yaml.positionOf([], 'lessons'),
        message: `lesson folder ${folder}/${name} is not listed under "lessons:" (that list sets the catalog order)`,
      });
    }
  }

  const lessons: LessonDef[] = [];
  for (const name of folders) {
    const lesson = await readLesson(reader, path.join(chapterDir, name), chapterId, name);
    if (lesson && listed.includes(name)) lessons.push(lesson);
  }
  lessons.sort((a, b) => listed.indexOf(a.id.split('/')[1]!) - listed.indexOf(b.id.split('/')[1]!));
  if (!data) return { lessons, lessonCount: folders.length };
  const def: ChapterDef = {
    id: chapterId,
    folder,
    title: data.title,
    summary: data.summary,
    lessonIds: lessons.map((l) => l.id),
  };
  return { def, lessons, lessonCount: folders.length };
}

async function readLesson(
  reader: Reader,
  lessonDir: string,
  chapterId: string,
  name: string,
): Promise<LessonDef | undefined> {
  const errorsBefore = reader.issues.filter(isLintError).length;
  if (!slugSchema.safeParse(name).success) {
    reader.fileIssue(
      lessonDir,
      `lesson folder "${name}" must be lowercase kebab-case (it becomes the lesson id)`,
    );
  }
  const yamlPath = path.join(lessonDir, 'lesson.yaml');
  const text = await readText(yamlPath);
  let data: LessonFile | undefined;
  if (text === undefined) {
    reader.fileIssue(
      yamlPath,
      'lesson.yaml is missing (every lesson folder needs lesson.yaml, en.md and zh.md)',
    );
  } else {
    const yaml = parseYamlFile(text, reader.rel(yamlPath));
    data = collect(reader, validateYaml(yaml, lessonFileSchema), yaml.issues).data;
  }

  const prose: Partial<Record<Lang, string>> = {};
  for (const lang of langs) {
    const mdPath = path.join(lessonDir, `${lang}.md`);
    const source = await readText(mdPath);
    if (source === undefined)
      reader.fileIssue(mdPath, `${lang}.md is missing (every lesson needs en.md and zh.md)`);
    else if (source.trim() === '') reader.fileIssue(mdPath, `${lang}.md is empty`);
    else prose[lang] = source;
  }

  if (prose.en !== undefined && prose.zh !== undefined) {
    const file = (lang: Lang) => ({
      file: reader.rel(path.join(lessonDir, `${lang}.md`)),
      text: prose[lang]!,
    });
    reader.issues.push(...lintProse({ en: file('en'), zh: file('zh') }));
    const exerciseIds = data?.exercises.map((e) => e.id);
    for (const lang of langs) {
      if (exerciseIds) reader.issues.push(...lintExerciseMarkers(file(lang).file, prose[lang]!, exerciseIds));
    }
  }
  if (!data || reader.issues.filter(isLintError).length > errorsBefore) return undefined;
  const en = renderProse(prose.en ?? '', 'en');
  const zh = renderProse(prose.zh ?? '', 'zh');
  return buildLesson(data, `${chapterId}/${name}`, chapterId, {
    html: { en: en.html, zh: zh.html },
    sections: { en: en.sections, zh: zh.sections },
  });
}

function buildLesson(
  data: LessonFile,
  id: string,
  chapterId: string,
  prose: Pick<LessonDef, 'html' | 'sections'>,
): LessonDef {
  const nodes = nodeNames(data.sandbox.nodes);
  return {
    id,
    chapterId,
    title: data.title,
    summary: data.summary,
    minutes: data.minutes,
    nodes,
    editorPath: data.editor.path,
    ...prose,
    exercises: data.exercises.map((e) => ({
      id: `${id}/${e.id}`,
      lessonId: id,
      title: e.title,
      node: e.node,
      nodes,
      tasks: e.tasks.map(buildTask),
      hints: e.hints,
      pureQuiz: isPureQuiz(e),
      ...(e.solution === undefined ? {} : { solution: `${e.solution.trimEnd()}\n` }),
    })),
  };
}

// The schema has checked that a task has exactly one of assert/answer and an answer one form.
function buildTask(t: TaskFile): TaskDef {
  const base = { id: t.id, title: t.title, hint: t.hint };
  if (t.answer) return { ...base, answer: buildAnswer(t.answer) };
  return { ...base, assert: t.assert! };
}

function buildAnswer(a: AnswerFile): AnswerDef {
  if (a.from) return { kind: 'live', from: a.from };
  if (a.value !== undefined) return { kind: 'value', value: a.value, match: a.match ?? 'exact' };
  return {
    kind: 'choice',
    choices: (a.choices ?? []).map(({ id, en, zh }) => ({ id, label: { en, zh } })),
    correct: a.correct ?? [],
  };
}

function collect<T>(
  reader: Reader,
  result: { data?: T; issues: LintIssue[] },
  yamlIssues: readonly LintIssue[],
) {
  reader.issues.push(...yamlIssues, ...result.issues);
  return result;
}

// Visible subfolder names, sorted; undefined when `dir` is not a folder.
async function listDirs(dir: string): Promise<string[] | undefined> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
      .map((e) => e.name)
      .sort();
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
