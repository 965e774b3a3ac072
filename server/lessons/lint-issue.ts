// One problem found in the course content, pointing at the file and position an author must fix.
export interface LintIssue {
  /** Relative to the repository root (the parent of the lessons folder), with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
  /** A warning (e.g. a translation that is likely stale) is shown but does not fail the lint. */
  readonly severity?: 'warning';
}

export const isLintError = (issue: LintIssue): boolean => issue.severity !== 'warning';

export function formatLintIssue(issue: LintIssue): string {
  const kind = issue.severity === 'warning' ? 'warning: ' : '';
  return `${issue.file}:${issue.line}:${issue.column}: ${kind}${issue.message}`;
}

export function sortLintIssues(issues: readonly LintIssue[]): LintIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
