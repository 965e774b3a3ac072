import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import type { LintIssue } from './lint-issue.ts';

// A YAML file parsed with positions, so that schema errors (which speak in paths like
// exercises[0].tasks[2].assert) can be reported at the line and column an author must edit.

type Path = readonly PropertyKey[];

export interface YamlFile {
  readonly file: string;
  /** The YAML itself has errors; `data` is then undefined and `issues` says why. */
  readonly broken: boolean;
  readonly data: unknown;
  /** YAML syntax errors and warnings. */
  readonly issues: readonly LintIssue[];
  /** Position of the node at `path`, or of `key` inside the map at `path`; nearest existing ancestor otherwise. */
  positionOf(path: Path, key?: string): { line: number; column: number };
}

export function parseYamlFile(text: string, file: string): YamlFile {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number) => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issues = [...doc.errors, ...doc.warnings].map((e) => ({
    file,
    ...at(e.pos[0]),
    message: `YAML: ${e.message.split('\n')[0]}`,
  }));

  const positionOf = (path: Path, key?: string) => {
    let node: unknown = doc.contents;
    let offset = node && hasRange(node) ? node.range[0] : 0;
    for (const segment of key === undefined ? path : [...path, key]) {
      if (isAlias(node)) node = node.resolve(doc);
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find(
          (p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment),
        );
        if (!pair) break;
        // Point at the value, unless it is empty (`title:`) — then at the key.
        const target = hasRange(pair.value) && !isEmptyScalar(pair.value) ? pair.value : pair.key;
        next = segment === key ? pair.key : target;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (!next || !hasRange(next)) break;
      node = next;
      offset = next.range[0];
    }
    return at(offset);
  };

  const broken = doc.errors.length > 0;
  return { file, broken, data: broken ? undefined : doc.toJS({ maxAliasCount: 100 }), issues, positionOf };
}

// Validates parsed YAML against a schema; each zod issue becomes a LintIssue at its YAML position.
export function validateYaml<S extends z.ZodType>(
  yaml: YamlFile,
  schema: S,
): { data?: z.output<S>; issues: LintIssue[] } {
  if (yaml.broken) return { issues: [] }; // the syntax errors in yaml.issues come first
  const result = schema.safeParse(yaml.data ?? {});
  if (result.success) return { data: result.data, issues: [] };
  return { issues: result.error.issues.flatMap((issue) => toLintIssues(yaml, schema, issue)) };
}

function toLintIssues(yaml: YamlFile, schema: z.ZodType, issue: z.core.$ZodIssue): LintIssue[] {
  const path = issue.path;
  const issueAt = (p: Path, message: string, key?: string): LintIssue => ({
    file: yaml.file,
    ...yaml.positionOf(p, key),
    message: p.length > 0 ? `${formatPath(p)}: ${message}` : message,
  });

  if (issue.code === 'unrecognized_keys') {
    const allowed = allowedKeysAt(schema, yaml.data, path);
    return issue.keys.map((key) => issueAt(path, `unknown field "${key}"${suggest(key, allowed)}`, key));
  }
  if (issue.code === 'invalid_type' && path.length > 0) {
    const value = valueAt(yaml.data, path);
    if (value === undefined)
      return [issueAt(path.slice(0, -1), `missing required field "${String(path.at(-1))}"`)];
    if (value === null) return [issueAt(path, `has no value; expected ${issue.expected}`)];
  }
  // zod adds `discriminator` and `options` to the issue of a discriminated union without a match.
  const union = issue as { discriminator?: unknown; options?: unknown };
  if (issue.code === 'invalid_union' && union.discriminator !== undefined && Array.isArray(union.options)) {
    const value = valueAt(yaml.data, path);
    const expected = `expected one of: ${union.options.join(', ')}`;
    const discriminator = String(union.discriminator);
    if (value === undefined) {
      const parent = valueAt(yaml.data, path.slice(0, -1));
      const keys = parent && typeof parent === 'object' ? Object.keys(parent) : [];
      const typo = keys.find((k) => editDistance(k, discriminator) <= 2);
      const found = typo ? ` (found "${typo}" — did you mean "${discriminator}"?)` : '';
      return [issueAt(path.slice(0, -1), `missing "${discriminator}"${found}; ${expected}`)];
    }
    return [issueAt(path, `unknown ${discriminator} "${String(value)}"; ${expected}`)];
  }
  return [issueAt(path, issue.message)];
}

// exercises[0].tasks[2].assert
export function formatPath(path: Path): string {
  return path.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    return acc ? `${acc}.${String(segment)}` : String(segment);
  }, '');
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

// The field names the schema accepts at `path`, to suggest a correction for a typo.
function allowedKeysAt(schema: z.ZodType, data: unknown, path: Path): string[] {
  let current: z.ZodType | undefined = schema;
  let value = data;
  for (let i = 0; i <= path.length && current; i++) {
    current = unwrap(current, value);
    if (i === path.length) break;
    const segment = path[i]!;
    if (current instanceof z.ZodObject) current = current.shape[String(segment)] as z.ZodType | undefined;
    else if (current instanceof z.ZodArray) current = current.element as z.ZodType;
    else current = undefined;
    value = valueAt(value, [segment]);
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: z.ZodType, value: unknown): z.ZodType {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodDiscriminatedUnion) {
      const options = current.options as z.ZodType[];
      const discriminator = current._zod.def.discriminator;
      const tag = valueAt(value, [discriminator]);
      const match = options.find(
        (o) => o instanceof z.ZodObject && o.shape[discriminator]?.safeParse(tag).success,
      );
      if (!match) return current;
      current = match;
    } else return current;
  }
}

function suggest(key: string, allowed: readonly string[]): string {
  if (allowed.length === 0) return '';
  const close = allowed
    .map((candidate) => ({ candidate, distance: editDistance(key.toLowerCase(), candidate.toLowerCase()) }))
    .filter((c) => c.distance <= Math.max(1, Math.floor(c.candidate.length / 3)))
    .sort((a, b) => a.distance - b.distance)[0];
  if (close) return ` (did you mean "${close.candidate}"?)`;
  return ` (allowed: ${allowed.join(', ')})`;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = row;
  }
  return previous[b.length]!;
}

function hasRange(node: unknown): node is Node & { range: [number, number, number] } {
  return typeof node === 'object' && node !== null && Array.isArray((node as { range?: unknown }).range);
}

function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) && node.value === null && node.source === '';
}
