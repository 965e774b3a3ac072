import type { Lang } from './lang.ts';
import type { LintIssue } from './lint-issue.ts';

// The lesson text's own health, for both of its languages: every fenced code block says its language
// (a reader and the page's Run buttons need to know what it is), and the two translations still match —
// the same headings and code blocks, and sections of about the expected length (a much shorter or
// longer twin is likely stale).

// Non-blank characters of Chinese prose per non-blank character of English prose, outside code: 0.45 and
// 0.49 in the first lessons (lessons/06-networking). A section more than 1.6 times off that is flagged.
export const ZH_PER_EN = 0.47;
const TOLERANCE = 1.6;
// Below this many English characters a section is too short for its length to say anything.
const MIN_SECTION_CHARS = 300;

export interface ProseFile {
  file: string;
  text: string;
}

interface Section {
  heading: string;
  line: number;
  chars: number;
}

interface ProseShape {
  codeBlocks: number;
  sections: Section[];
  issues: LintIssue[];
}

export function lintProse(files: Record<Lang, ProseFile>): LintIssue[] {
  const en = shapeOf(files.en);
  const zh = shapeOf(files.zh);
  const issues = [...en.issues, ...zh.issues];
  const warn = (line: number, message: string) =>
    issues.push({ file: files.zh.file, line, column: 1, message, severity: 'warning' });
  if (en.codeBlocks !== zh.codeBlocks) {
    warn(
      1,
      `zh.md has ${zh.codeBlocks} code block(s), en.md has ${en.codeBlocks}: one translation is likely stale`,
    );
  }
  if (en.sections.length !== zh.sections.length) {
    warn(
      1,
      `zh.md has ${zh.sections.length} heading(s), en.md has ${en.sections.length}: one translation is likely stale`,
    );
    return issues;
  }
  en.sections.forEach((ours, i) => {
    const theirs = zh.sections[i]!;
    if (ours.chars < MIN_SECTION_CHARS) return;
    const ratio = theirs.chars / ours.chars / ZH_PER_EN;
    if (ratio < 1 / TOLERANCE || ratio > TOLERANCE) {
      const shape = ratio < 1 ? 'much shorter' : 'much longer';
      warn(
        theirs.line,
        `section "${theirs.heading}" is ${shape} than its English twin "${ours.heading}" (en.md:${ours.line}; ${theirs.chars} against ${ours.chars} characters): one of them is likely stale`,
      );
    }
  });
  return issues;
}

// Headings, code blocks and prose length of one Markdown file, with errors for unmarked or unclosed fences.
function shapeOf({ file, text }: ProseFile): ProseShape {
  const issues: LintIssue[] = [];
  const sections: Section[] = [{ heading: '(before the first heading)', line: 1, chars: 0 }];
  let fence: { marker: string; line: number } | undefined;
  let codeBlocks = 0;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(raw);
    if (fence) {
      if (open && open[1]!.startsWith(fence.marker) && !open[2]!.trim()) fence = undefined;
      return;
    }
    if (open) {
      codeBlocks++;
      fence = { marker: open[1]!, line };
      if (!open[2]!.trim()) {
        issues.push({
          file,
          line,
          column: 1,
          message:
            'code block without a language: mark it (```bash for commands to run, ```dockerfile, ```yaml, ```text for output or code not meant to be run)',
        });
      }
      return;
    }
    const heading = /^ {0,3}#{1,6}\s+(.*)$/.exec(raw);
    if (heading) {
      sections.push({ heading: heading[1]!.trim(), line, chars: 0 });
      return;
    }
    sections[sections.length - 1]!.chars += raw.replace(/`[^`]*`/g, '').replace(/\s+/g, '').length;
  });
  if (fence) issues.push({ file, line: fence.line, column: 1, message: 'code block is never closed' });
  // The part before the first heading counts only when it has text.
  if (sections[0]!.chars === 0) sections.shift();
  return { codeBlocks, sections, issues };
}
