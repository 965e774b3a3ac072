import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sh, step } from '../../sandbox-agent/src/host/index.ts';
import { CliError } from '../cli-error.ts';
import { generatePrismaClient, prepareHost } from '../prepare-host.ts';

// `./berth test [tier…]`: installs and starts what the suites need, then runs lint, unit, integration,
// security (a hostile learner inside real sandboxes) and end-to-end tests with node's test runner, and
// closes with one "N passed, N failed" line.
const TIERS = ['lint', 'unit', 'integration', 'security', 'e2e'] as const;
type Tier = (typeof TIERS)[number];

const UNIT_ROOTS = ['server', 'sandbox-agent/src', 'cli', 'components', 'test/unit'];

async function findTests(roots: string[]): Promise<string[]> {
  const out: string[] = [];
  async function walk(dir: string): Promise<void> {
    for (const e of await fs.readdir(dir, { withFileTypes: true }).catch(() => [])) {
      const p = path.join(dir, e.name);
      if (e.isDirectory() && e.name !== 'node_modules') await walk(p);
      else if (e.isFile() && e.name.endsWith('.test.ts')) out.push(p);
    }
  }
  for (const r of roots) await walk(r);
  return out.sort();
}

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

// The runner's closing list of failing tests, with their errors, kept per tier and printed again at the very
// end: a run's log is often read from its end (CI shows that part), where the lists of earlier tiers are not.
const FAILURES_MARK = '✖ failing tests:';
const FAILURE_LINES = 400;
// Each failing test's first lines only (a browser test's call log runs to dozens), so one cannot push the
// others out of the end of the log.
const LINES_PER_FAILURE = 20;

function runNodeTests(
  files: string[],
  env: NodeJS.ProcessEnv,
): Promise<Counts & { code: number; failures: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(
      'node',
      [
        '--import',
        'tsx',
        '--test',
        '--test-concurrency=1',
        '--test-reporter=spec',
        '--test-reporter-destination=stdout',
        ...files,
      ],
      { env, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    // The runner's closing "ℹ pass N" lines, read as they stream by: after a failure the list of failing
    // tests follows them, so the end of the output alone may not hold them.
    const counts = new Map<string, number>();
    const failures: string[] = [];
    let inFailures = false;
    let linesOfThis = 0;
    let line = '';
    child.stdout.on('data', (d: Buffer) => {
      process.stdout.write(d);
      const lines = (line + d.toString()).split('\n');
      line = lines.pop() ?? '';
      for (const l of lines) {
        const m = /^ℹ (\w+) (\d+)$/.exec(l);
        if (m) counts.set(m[1]!, Number(m[2]));
        if (l.startsWith(FAILURES_MARK)) inFailures = true;
        // Without stack frames (they are in the output above): the errors themselves fit the end.
        else if (inFailures && failures.length < FAILURE_LINES && !/^\s+at /.test(l)) {
          if (l.startsWith('test at ')) linesOfThis = 0;
          if (linesOfThis++ < LINES_PER_FAILURE) failures.push(l);
          else if (linesOfThis === LINES_PER_FAILURE + 2) failures.push('  …');
        }
      }
    });
    child.on('close', (code) => {
      const num = (k: string) => counts.get(k) ?? 0;
      resolve({
        passed: num('pass'),
        failed: num('fail') + num('cancelled'),
        skipped: num('skipped'),
        code: code ?? 1,
        failures,
      });
    });
  });
}

export async function runTest(args: string[]): Promise<number> {
  const unknown = args.filter((a) => !TIERS.includes(a as Tier));
  if (unknown.length)
    throw new CliError(`unknown test tier(s): ${unknown.join(', ')} (use ${TIERS.join(', ')})`);
  const tiers: Tier[] = args.length ? (args as Tier[]) : [...TIERS];
  const needsHost = tiers.some((t) => t === 'integration' || t === 'security' || t === 'e2e');
  if (needsHost) await prepareHost({ forTests: true });
  else await generatePrismaClient();

  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', NEXT_TELEMETRY_DISABLED: '1' };
  const total: Counts = { passed: 0, failed: 0, skipped: 0 };
  let ok = true;
  const started = Date.now();
  const failures: string[] = [];
  for (const tier of tiers) {
    if (tier === 'lint') {
      for (const [label, cmd, cmdArgs] of [
        ['Type check (tsc)', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']],
        ['Lint and format check (biome)', 'npx', ['biome', 'check', '.']],
        ['Lessons lint', 'node', ['--import', 'tsx', 'cli/main.ts', 'lessons', 'lint']],
      ] as const) {
        try {
          await step(label, () => sh(cmd, [...cmdArgs], { env }));
          total.passed++;
        } catch (e) {
          process.stdout.write(`${(e as Error).message}\n`);
          failures.push(`${label} failed (see above)`);
          total.failed++;
          ok = false;
        }
      }
      continue;
    }
    const roots = tier === 'unit' ? UNIT_ROOTS : [`test/${tier}`];
    const files = await findTests(roots);
    if (!files.length) throw new CliError(`no ${tier} tests found under ${roots.join(', ')}`);
    process.stdout.write(`\n━━ ${tier} tests (${files.length} files) ━━\n`);
    const r = await runNodeTests(files, env);
    total.passed += r.passed;
    total.failed += r.failed;
    total.skipped += r.skipped;
    if (r.code !== 0) ok = false;
    if (r.failures.length) failures.push(`── ${tier} ──`, ...r.failures);
    else if (r.code !== 0) failures.push(`── ${tier} ── the runner exited with ${r.code}`);
  }
  if (failures.length) process.stdout.write(`\n━━ failures ━━\n${failures.join('\n')}\n`);
  process.stdout.write(`\nTest run took ${((Date.now() - started) / 1000).toFixed(0)}s\n`);
  process.stdout.write(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped\n`);
  return ok && total.failed === 0 ? 0 : 1;
}
