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
  it('prints warnings yet returns 0, and lints one lesson or chapter by id', async () => {
    const fixture = await makeFixtureCourse();
    await fixture.writeLesson({ 'zh.md': '# 演示\n\n## 多出来的标题\n\n你好。\n\n::exercise{#first}\n' });
    const lines: string[] = [];
    assert.equal(await runLessonsLint([`--dir=${fixture.dir}`, 'networking/demo'], (l) => lines.push(l)), 0);
    assert.equal(
      lines[0],
      'lessons/06-networking/demo/zh.md:1:1: warning: zh.md has 2 heading(s), en.md has 1: one translation is likely stale',
    );
    assert.match(lines[1]!, /^1 of 1 lessons OK .*1 warning/);
    // Another lesson's problems are not shown when one lesson is asked for.
    const other: string[] = [];
    assert.equal(await runLessonsLint([`--dir=${fixture.dir}`, 'images'], (l) => other.push(l)), 0);
    assert.match(other.join('\n'), /^0 of 1 lessons OK/);
    assert.equal(await runLessonsLint([`--dir=${fixture.dir}`, 'networking/nope'], () => {}), 1);
    assert.equal(await runLessonsLint([`--dir=${fixture.dir}`, 'nope'], () => {}), 2);
  });
});
