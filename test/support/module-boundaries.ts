import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

// Who may import whom. Berth is two programs — the control plane (server/, with its pages in app/ and
// components/) and the agent on each worker host (sandbox-agent/) — that share only contract/.
// Every import and export-from specifier of every .ts/.tsx file (static, dynamic import(), import types)
// is resolved (relative paths and the `@/` alias) to the top-level folder it lands in, and checked here.

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

const notFolders = (folders: string[], text: string): Rule => ({
  text,
  allows: (t) => t.kind !== 'outside' && !(t.kind === 'folder' && folders.includes(t.folder)),
});

// Keyed by the folder a file is in (see folderOf). A folder with no rule fails the check, so a new
// top-level folder gets a rule on purpose rather than none by accident.
export const RULES: Readonly<Record<string, Rule>> = {
  contract: onlyFolders(['contract'], ['zod'], 'contract/ imports only contract/ and zod'),
  'sandbox-agent': notFolders(
    ['server', 'app', 'components', 'cli'],
    'sandbox-agent/ imports nothing from server/, app/, components/ or cli/',
  ),
  server: notFolders(
    ['sandbox-agent', 'app', 'components', 'cli'],
    'server/ imports nothing from sandbox-agent/, app/, components/ or cli/',
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
  // TEMPORARY: the CLI still lives in server/cli/ and reaches into sandbox-agent/ for worker-host
  // provisioning; it is moving to the top-level cli/ (and provisioning to sandbox-agent/src/host/).
  // Remove this allowance with that move.
  'server/cli': anything,
  test: anything,
  bench: anything,
};

// TEMPORARY, edge by edge: the agent still reads the control plane's config; it gets a config module of
// its own (engine socket, paths, mirror — no database or Redis settings) with the worker-host move to
// sandbox-agent/src/host/. Remove these with that change.
const TEMPORARY_EDGES: ReadonlySet<string> = new Set([
  'sandbox-agent/src/main.ts → ../../server/config.ts',
  'sandbox-agent/src/sandboxes/agent-settings.ts → ../../../server/config.ts',
]);

/** The rule's key for a repository path: `server/cli` for the CLI while it is there, else the top folder. */
export function folderOf(repoPath: string): string {
  if (repoPath.startsWith('server/cli/')) return 'server/cli';
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
  const slash = repoPath.indexOf('/');
  return { kind: 'folder', folder: slash < 0 ? '.' : repoPath.slice(0, slash) };
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
    for (const { specifier, line } of importsOf(file)) {
      const target: Target =
        specifier === '<computed import()>' ? { kind: 'outside' } : resolveTarget(file.path, specifier);
      if (rule.allows(target) || TEMPORARY_EDGES.has(`${file.path} → ${specifier}`)) continue;
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
