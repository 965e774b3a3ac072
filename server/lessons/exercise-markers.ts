import type { LintIssue } from './lint-issue.ts';

// Exercise markers: a line `::exercise{#<exercise-id>}` on its own in en.md / zh.md places that
// exercise's panel there. render-markdown.ts turns a marker into a slot element (exerciseSlot); the lesson
// page splits the HTML at the slots (splitAtExerciseSlots) and renders each panel in its place.

/** A well-formed marker line; group 1 is the exercise id (as in lesson.yaml, without the lesson's). */
export const EXERCISE_MARKER = /^::exercise\{#([a-z0-9]+(?:-[a-z0-9]+)*)\}[ \t]*$/;

// Any line that looks like a directive (`::name…`), well-formed or not: lint explains the malformed ones.
const DIRECTIVE = /^\s*>?\s*::([A-Za-z][\w-]*)(.*)$/;

export interface ExerciseMarker {
  readonly id: string;
  /** 1-based. */
  readonly line: number;
}

/** The slot a marker renders to; the id is a slug (EXERCISE_MARKER), so it needs no escaping. */
export function exerciseSlot(id: string): string {
  return `<div class="exercise-slot" data-exercise-slot="${id}"></div>\n`;
}

const SLOT = /<div class="exercise-slot" data-exercise-slot="([a-z0-9-]+)"><\/div>\n?/;

export type ProsePart = { kind: 'html'; html: string } | { kind: 'exercise'; id: string };

/** Rendered prose → HTML runs and exercise places, in reading order (empty runs left out). */
export function splitAtExerciseSlots(html: string): ProsePart[] {
  const pieces = html.split(new RegExp(SLOT.source, 'g'));
  // split() with one capture group alternates: html, id, html, id, …, html.
  return pieces.flatMap((piece, i): ProsePart[] => {
    if (i % 2 === 1) return [{ kind: 'exercise', id: piece }];
    return piece.trim() ? [{ kind: 'html', html: piece }] : [];
  });
}

/** Markers and malformed directives of one Markdown file, outside code blocks. */
export function scanExerciseMarkers(text: string): { markers: ExerciseMarker[]; malformed: LintLine[] } {
  const markers: ExerciseMarker[] = [];
  const malformed: LintLine[] = [];
  let fence: string | undefined;
  text.split('\n').forEach((raw, i) => {
    const line = i + 1;
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(raw);
    if (fence) {
      if (open && open[1]!.startsWith(fence) && !open[2]!.trim()) fence = undefined;
      return;
    }
    if (open) {
      fence = open[1]!;
      return;
    }
    const good = EXERCISE_MARKER.exec(raw);
    if (good) {
      markers.push({ id: good[1]!, line });
      return;
    }
    const directive = DIRECTIVE.exec(raw);
    if (directive) malformed.push({ line, message: explain(raw, directive[1]!, directive[2]!) });
  });
  return { markers, malformed };
}

interface LintLine {
  line: number;
  message: string;
}

function explain(raw: string, name: string, rest: string): string {
  const id = /#?([A-Za-z0-9-]+)/.exec(rest)?.[1] ?? 'exercise-id';
  const want = `::exercise{#${id}}`;
  if (name !== 'exercise') {
    return `unknown directive "::${name}": the only one is an exercise marker, ${want}`;
  }
  if (!raw.startsWith('::')) {
    return `an exercise marker stands alone at the start of a line, outside lists and quotes: ${want}`;
  }
  return `malformed exercise marker "${raw.trim()}": write ${want} (the id after "#", lowercase kebab-case)`;
}

/** Lint: every exercise has exactly one marker in this file; every marker names an exercise. */
export function lintExerciseMarkers(file: string, text: string, exerciseIds: readonly string[]): LintIssue[] {
  const { markers, malformed } = scanExerciseMarkers(text);
  const issues: LintIssue[] = malformed.map(({ line, message }) => ({ file, line, column: 1, message }));
  const known = new Set(exerciseIds);
  const seen = new Map<string, number>();
  for (const { id, line } of markers) {
    if (!known.has(id)) {
      const list = exerciseIds.length ? exerciseIds.join(', ') : 'none';
      issues.push({
        file,
        line,
        column: 1,
        message: `exercise marker for unknown exercise "${id}" (lesson.yaml's exercises: ${list})`,
      });
    } else if (seen.has(id)) {
      issues.push({
        file,
        line,
        column: 1,
        message: `exercise "${id}" is already placed at line ${seen.get(id)}: each exercise has one marker`,
      });
    } else seen.set(id, line);
  }
  for (const id of exerciseIds.filter((e) => !seen.has(e))) {
    issues.push({
      file,
      line: 1,
      column: 1,
      message: `exercise "${id}" has no marker: put a line ::exercise{#${id}} right after the text that teaches it`,
    });
  }
  return issues;
}
