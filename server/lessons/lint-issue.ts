// One problem found in the course content, pointing at the file and position an author must fix.
export interface LintIssue {
  /** Relative to the repository root (the parent of the lessons folder), with forward slashes. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based. */
  readonly column: number;
  readonly message: string;
}

export function formatLintIssue(issue: LintIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.message}`;
}

export function sortLintIssues(issues: readonly LintIssue[]): LintIssue[] {
  return [...issues].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}
