import { isBerthError } from '../../contract/errors.ts';
import { isDevMode } from './lesson-events-stream.ts';
import { formatLintIssue, type LintIssue } from './lint-issue.ts';

// Outside production, a course that fails to load (an author's broken edit) is shown on the lesson page as
// its lint problems, `file:line:col: message`, instead of an error page; undefined for any other error.
export function courseProblems(error: unknown): string[] | undefined {
  if (!isDevMode() || !isBerthError(error) || error.code !== 'validation_failed') return undefined;
  const issues = (error.details as { issues?: readonly LintIssue[] } | undefined)?.issues;
  return issues?.map(formatLintIssue) ?? [error.message];
}
