import { config } from '../config.ts';
import type { LintIssue } from './lint-issue.ts';
import { readCourse } from './read-course.ts';

export type { LintIssue } from './lint-issue.ts';
export { formatLintIssue } from './lint-issue.ts';

// Every problem in the lessons folder (YAML syntax, schema, missing files, unknown folders, duplicate
// ids), sorted by file and line. An empty list means loadCourse() will succeed.
export async function lintLessons(dir: string = config().BERTH_LESSONS_DIR): Promise<LintIssue[]> {
  const { issues } = await readCourse(dir);
  return [...issues];
}
