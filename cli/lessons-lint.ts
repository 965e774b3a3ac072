import { config } from '../server/config.ts';
import { formatLintIssue } from '../server/lessons/lint-issue.ts';
import { readCourse } from '../server/lessons/read-course.ts';

const usage = `usage: berth lessons lint [--dir <lessons folder>]

Validates every chapter.yaml, lesson.yaml, en.md and zh.md and prints one
"file:line:col: message" line per problem. Exit code 0 when clean, 1 otherwise.`;

// `./berth lessons lint`: returns the exit code; the CLI entry decides when to exit.
export async function runLessonsLint(
  args: string[],
  print: (line: string) => void = (line) => console.log(line),
): Promise<number> {
  let dir = config().BERTH_LESSONS_DIR;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '-h' || arg === '--help') {
      print(usage);
      return 0;
    }
    if (arg === '--dir' && args[i + 1]) dir = args[++i]!;
    else if (arg.startsWith('--dir=')) dir = arg.slice('--dir='.length);
    else {
      print(`unknown argument: ${arg}\n${usage}`);
      return 2;
    }
  }

  const { course, issues, lessonCount } = await readCourse(dir);
  if (issues.length > 0) {
    for (const issue of issues) print(formatLintIssue(issue));
    print(`${issues.length} problem${issues.length === 1 ? '' : 's'} in ${lessonCount} lesson folder(s)`);
    return 1;
  }
  const tasks = [...(course?.exercises.values() ?? [])].reduce((n, e) => n + e.tasks.length, 0);
  print(
    `${lessonCount} lessons OK (chapters: ${course?.chapters.length ?? 0}, exercises: ${course?.exercises.size ?? 0}, tasks: ${tasks})`,
  );
  return 0;
}
