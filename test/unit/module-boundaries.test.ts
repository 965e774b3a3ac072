import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import {
  checkBoundaries,
  formatViolation,
  importsOf,
  readSourceFiles,
  type SourceFile,
} from '../support/module-boundaries.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('module boundaries', () => {
  it('hold across the repository', () => {
    const files = readSourceFiles(root);
    // A walk that found nothing would pass; make sure it read the programs and what they import.
    for (const folder of ['contract', 'server', 'sandbox-agent', 'components', 'app']) {
      assert.ok(
        files.filter((f) => f.path.startsWith(`${folder}/`)).length >= 5,
        `expected to read ${folder}/`,
      );
    }
    assert.ok(files.reduce((n, f) => n + importsOf(f).length, 0) > 500, 'expected to find the imports');

    const violations = checkBoundaries(files).map(formatViolation);
    assert.deepEqual(violations, [], `boundary violations:\n${violations.join('\n')}`);
  });

  it('reports every kind of import that crosses a boundary, with its line and rule', () => {
    const files: SourceFile[] = [
      {
        path: 'server/terminal/gateway.ts',
        text: [
          "import { z } from 'zod';",
          "import { ok } from '../../contract/ids.ts';",
          "import { startHeartbeat } from '../../sandbox-agent/src/terminal/socket-heartbeat.ts';",
          "export { frames } from '@/sandbox-agent/src/terminal/frames.ts';",
          "const late = await import('../../components/api/berth-api');",
          "type T = import('../../app/page').Props;",
          '// import { commented } from "../../sandbox-agent/src/main.ts";',
        ].join('\n'),
      },
      {
        path: 'sandbox-agent/src/checks/run-checks.ts',
        text: "import { config } from '../../../server/config.ts';\nimport type { A } from '@/cli/main.ts';",
      },
      {
        path: 'contract/checks.ts',
        text: "import { z } from 'zod';\nimport { readFile } from 'node:fs';\nimport './ids.ts';\nimport '../server/x.ts';",
      },
      {
        path: 'components/session/viewer.ts',
        text: "import { db } from '@/server/db/client.ts';\nimport { x } from '../../contract/public-api';\nimport React from 'react';",
      },
      {
        path: 'app/api/x/route.ts',
        text: "import { a } from '@/server/a.ts';\nimport { b } from '@/sandbox-agent/src/b.ts';",
      },
      { path: 'server/db/escape.ts', text: "import x from '../../../elsewhere/x.ts';" },
      { path: 'server/x.ts', text: 'const m = await import(name);' },
      // Test support is for tests: a co-located test may use it, the code beside it may not.
      {
        path: 'server/db/y.test.ts',
        text: "import { startPostgres } from '../../test/support/postgres.ts';",
      },
      { path: 'server/db/y.ts', text: "import { startPostgres } from '../../test/support/postgres.ts';" },
      {
        path: 'server/db/client.ts',
        text: "import { PrismaClient } from '../../prisma/generated/sqlite/client.ts';",
      },
      // Allowed: orchestration, tests and benchmarks may import both programs.
      { path: 'cli/main.ts', text: "import '../sandbox-agent/src/main.ts';\nimport '../server/main.ts';" },
      { path: 'test/integration/x.test.ts', text: "import '../../sandbox-agent/src/main.ts';" },
      { path: 'bench/run.ts', text: "import '../sandbox-agent/src/main.ts';" },
      { path: 'scripts/thing.ts', text: '' },
    ];
    assert.deepEqual(checkBoundaries(files).map(formatViolation), [
      'server/terminal/gateway.ts:3 imports ../../sandbox-agent/src/terminal/socket-heartbeat.ts (server/ imports only server/, contract/, its Prisma client and packages)',
      'server/terminal/gateway.ts:4 imports @/sandbox-agent/src/terminal/frames.ts (server/ imports only server/, contract/, its Prisma client and packages)',
      'server/terminal/gateway.ts:5 imports ../../components/api/berth-api (server/ imports only server/, contract/, its Prisma client and packages)',
      'server/terminal/gateway.ts:6 imports ../../app/page (server/ imports only server/, contract/, its Prisma client and packages)',
      'sandbox-agent/src/checks/run-checks.ts:1 imports ../../../server/config.ts (sandbox-agent/ imports only sandbox-agent/, contract/ and packages)',
      'sandbox-agent/src/checks/run-checks.ts:2 imports @/cli/main.ts (sandbox-agent/ imports only sandbox-agent/, contract/ and packages)',
      'contract/checks.ts:2 imports node:fs (contract/ imports only contract/ and zod)',
      'contract/checks.ts:4 imports ../server/x.ts (contract/ imports only contract/ and zod)',
      'components/session/viewer.ts:1 imports @/server/db/client.ts (components/ imports only components/, contract/ and packages)',
      'app/api/x/route.ts:2 imports @/sandbox-agent/src/b.ts (app/ imports only app/, server/, components/, contract/ and packages)',
      'server/db/escape.ts:1 imports ../../../elsewhere/x.ts (server/ imports only server/, contract/, its Prisma client and packages)',
      'server/x.ts:1 imports <computed import()> (server/ imports only server/, contract/, its Prisma client and packages)',
      'server/db/y.ts:1 imports ../../test/support/postgres.ts (server/ imports only server/, contract/, its Prisma client and packages)',
      'scripts/thing.ts: no boundary rule for scripts/',
    ]);
  });
});
