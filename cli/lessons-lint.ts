import { config } from '../server/config.ts';
import { chapterFolders, chapterIdOf } from '../server/lessons/course-outline.ts';
import { formatLintIssue, isLintError, type LintIssue } from '../server/lessons/lint-issue.ts';
import { readCourse } from '../server/lessons/read-course.ts';

const usage = `usage: berth lessons lint [--dir <lessons folder>] [chapter | chapter/lesson …]

Validates every chapter.yaml, lesson.yaml, en.md and zh.md and prints one
"file:line:col: message" line per problem ("warning:" for a translation that
is likely stale). With ids, only problems in those chapters or lessons are
shown. Exit code 0 when there is no error (warnings allowed), 1 otherwise.`;

// `./berth lessons lint`: returns the exit code; the CLI entry decides when to exit.
export async function runLessonsLint(
  args: string[],
  print: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  let dir = config().BERTH_LESSONS_DIR;
  const ids: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') {
      print(usage);
      return 0;
    }
    if (arg === '--dir' && args[i + 1]) dir = args[++i]!;
    else if (arg.startsWith('--dir=')) dir = arg.slice('--dir='.length);
    else if (!arg.startsWith('-')) ids.push(arg);
    else {
      print(`unknown argument: ${arg}\n${usage}`);
      return 2;
    }
  }
  const folders = ids.map(folderOf);
  const unknown = ids.filter((_, i) => !folders[i]);
  if (unknown.length) {
    print(`no chapter or lesson ${unknown.join(', ')}; ids look like images or images/dockerfile`);
    return 2;
  }

  const reading = await readCourse(dir);
  const { course, lessonCount } = reading;
  const inScope = (issue: LintIssue) =>
    !folders.length || folders.some((f) => issue.file.includes(`/${f}/`) || issue.file.endsWith(`/${f}`));
  const issues = reading.issues.filter(inScope);
  for (const issue of issues) print(formatLintIssue(issue));
  const errors = issues.filter(isLintError).length;
  const warnings = issues.length - errors;
  if (errors > 0) {
    print(
      `${errors} problem${errors === 1 ? '' : 's'}${warnings ? `, ${warnings} warning(s)` : ''} in ${lessonCount} lesson folder(s)`,
    );
    return 1;
  }
  if (
    ids.length &&
    course &&
    !ids.some((id) => course.lessons.has(id) || course.chapters.some((c) => c.id === id))
  ) {
    print(`no lesson ${ids.join(', ')} in ${dir}`);
    return 1;
  }
  const lessons = [...(course?.lessons.values() ?? [])].filter(
    (l) => !ids.length || ids.some((id) => l.id === id || l.chapterId === id),
  );
  const exercises = lessons.flatMap((l) => l.exercises);
  const tasks = exercises.reduce((n, e) => n + e.tasks.length, 0);
  const scope = ids.length ? `${lessons.length} of ${lessonCount}` : String(lessonCount);
  print(
    `${scope} lessons OK (chapters: ${course?.chapters.length ?? 0}, exercises: ${exercises.length}, tasks: ${tasks}${warnings ? `; ${warnings} warning(s)` : ''})`,
  );
  return 0;
}

// `images` → `02-images`; `images/dockerfile` → `02-images/dockerfile`; undefined for no such chapter.
function folderOf(id: string): string | undefined {
  const [chapter, lesson, ...rest] = id.split('/');
  const folder = chapterFolders.find((f) => chapterIdOf(f) === chapter);
  if (!folder || rest.length) return undefined;
  return lesson ? `${folder}/${lesson}` : folder;
}
