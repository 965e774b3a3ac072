import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Who may import whom. Berth is two programs — the control plane (server/, with its pages in app/ and
// components/) and the agent on each worker host (sandbox-agent/) — that share only contract/.
// Every import and export-from specifier of every .ts/.tsx file (static, dynamic import(), import types)
// is resolved (relative paths and the `@/` alias) to the top-level folder it lands in, and checked against
// the rules below (the table in docs/architecture.md).

export interface SourceFile {
  /** Repository-relative, with forward slashes: `server/terminal/terminal-gateway.ts`. */
  path: string;
  text: string;
}

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** Where a specifier lands: a folder of this repository, a package (npm or node:), or nowhere we know. */
type Target = { kind: 'folder'; folder: string } | { kind: 'package'; name: string } | { kind: 'outside' };

interface Rule {
  /** Shown after a violation: the rule in words. */
  text: string;
  allows(target: Target): boolean;
}

const anything: Rule = { text: 'may import anything', allows: () => true };

const onlyFolders = (folders: string[], packages: 'any' | string[], text: string): Rule => ({
  text,
  allows: (t) =>
    t.kind === 'folder'
      ? folders.includes(t.folder)
      : t.kind === 'package' && (packages === 'any' || packages.includes(t.name)),
});

// Keyed by the top-level folder a file is in. A folder with no rule fails the check, so a new
// top-level folder gets a rule on purpose rather than none by accident.
const RULES: Readonly<Record<string, Rule>> = {
  contract: onlyFolders(['contract'], ['zod'], 'contract/ imports only contract/ and zod'),
  'sandbox-agent': onlyFolders(
    ['sandbox-agent', 'contract'],
    'any',
    'sandbox-agent/ imports only sandbox-agent/, contract/ and packages',
  ),
  // prisma/: the Prisma client generated from prisma/schema.prisma.
  server: onlyFolders(
    ['server', 'contract', 'prisma'],
    'any',
    'server/ imports only server/, contract/, its Prisma client and packages',
  ),
  components: onlyFolders(
    ['components', 'contract'],
    'any',
    'components/ imports only components/, contract/ and packages',
  ),
  app: onlyFolders(
    ['app', 'server', 'components', 'contract'],
    'any',
    'app/ imports only app/, server/, components/, contract/ and packages',
  ),
  // Orchestration (./berth): drives both programs, so it may import either.
  cli: anything,
  test: anything,
  bench: anything,
};

// Edges allowed on top of the rules, each with its reason. `migrate.ts create` is a developer command
// (authoring a migration for both databases), not the running control plane; it borrows the tests'
// throwaway PostgreSQL cluster rather than keep a second one.
const EXCEPTIONS: ReadonlySet<string> = new Set(['server/db/migrate.ts → ../../test/support/postgres.ts']);

/** The top-level folder of a repository path, `.` for a file at the root. */
function folderOf(repoPath: string): string {
  const slash = repoPath.indexOf('/');
  return slash < 0 ? '.' : repoPath.slice(0, slash);
}

function resolveTarget(fromPath: string, specifier: string): Target {
  let repoPath: string;
  if (specifier.startsWith('@/')) repoPath = path.posix.normalize(specifier.slice(2));
  else if (specifier.startsWith('.')) repoPath = path.posix.join(path.posix.dirname(fromPath), specifier);
  else {
    // A package: `zod`, `@xterm/xterm`, `next/link`, `node:fs` → its name.
    const parts = specifier.split('/');
    return { kind: 'package', name: specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]! };
  }
  if (repoPath.startsWith('..') || path.posix.isAbsolute(repoPath)) return { kind: 'outside' };
  return { kind: 'folder', folder: folderOf(repoPath) };
}

/** Every module specifier in a file, with its line: imports, export-from, import(), import types. */
export function importsOf(file: SourceFile): { specifier: string; line: number }[] {
  const kind = file.path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest, false, kind);
  const found: { specifier: string; line: number }[] = [];
  const add = (node: ts.Node, specifier: string) =>
    found.push({ specifier, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (ts.isStringLiteral(node.moduleSpecifier)) add(node, node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const ref = node.moduleReference.expression;
      if (ts.isStringLiteral(ref)) add(node, ref.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      // A computed import() cannot be checked; say so instead of letting it through.
      add(node, arg && ts.isStringLiteralLike(arg) ? arg.text : '<computed import()>');
    } else if (ts.isImportTypeNode(node)) {
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg) && ts.isStringLiteral(arg.literal)) add(node, arg.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

export function checkBoundaries(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const folder = folderOf(file.path);
    const rule = RULES[folder];
    if (!rule) {
      violations.push({ file: file.path, line: 1, specifier: '', rule: `no boundary rule for ${folder}/` });
      continue;
    }
    // A co-located unit test is held to its folder's rule, and may use the shared test support too.
    const isTest = file.path.endsWith('.test.ts');
    for (const { specifier, line } of importsOf(file)) {
      const target: Target =
        specifier === '<computed import()>' ? { kind: 'outside' } : resolveTarget(file.path, specifier);
      if (rule.allows(target) || EXCEPTIONS.has(`${file.path} → ${specifier}`)) continue;
      if (isTest && target.kind === 'folder' && target.folder === 'test') continue;
      violations.push({ file: file.path, line, specifier, rule: rule.text });
    }
  }
  return violations;
}

export function formatViolation(v: Violation): string {
  return v.specifier ? `${v.file}:${v.line} imports ${v.specifier} (${v.rule})` : `${v.file}: ${v.rule}`;
}

/** Every .ts/.tsx file of the repository at `root`, tracked or new, as git sees it: dependencies, build
 * output, generated code and state are ignored by .gitignore and so are not ours to hold to these rules. */
export function readSourceFiles(root: string): SourceFile[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return listed
    .split('\0')
    .filter((p) => /\.tsx?$/.test(p) && existsSync(path.join(root, p)))
    .map((p) => ({ path: p, text: readFileSync(path.join(root, p), 'utf8') }));
}
