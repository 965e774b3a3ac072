import assert from 'node:assert/strict';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { makeFixtureCourse } from '../server/lessons/test-fixtures.ts';
import { runLessonsLint } from './lessons-lint.ts';

const realLessons = path.resolve(import.meta.dirname, '../lessons');

describe('runLessonsLint', () => {
  it('prints "N lessons OK" and returns 0 on a clean folder', async () => {
    const lines: string[] = [];
    const code = await runLessonsLint(['--dir', realLessons], (line) => lines.push(line));
    assert.equal(code, 0);
    assert.match(lines.join('\n'), /^\d+ lessons OK/);
  });

  it('prints file:line:col: message and returns 1 on problems', async () => {
    const fixture = await makeFixtureCourse();
    await rm(path.join(fixture.dir, '06-networking', 'demo', 'en.md'));
    const lines: string[] = [];
    const code = await runLessonsLint([`--dir=${fixture.dir}`], (line) => lines.push(line));
    assert.equal(code, 1);
    assert.equal(
      lines[0],
      'lessons/06-networking/demo/en.md:1:1: en.md is missing (every lesson needs en.md and zh.md)',
    );
  });

  it('returns 2 on an unknown argument', async () => {
    assert.equal(await runLessonsLint(['--frobnicate'], () => {}), 2);
  });
});
