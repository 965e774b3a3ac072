import assert from 'node:assert/strict';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import { isBerthError } from '../../contract/errors.ts';
import type { LintIssue } from './lint-issue.ts';
import { lintLessons } from './lint-lessons.ts';
import { reloadCourse } from './load-course.ts';
import { lineOf, makeFixtureCourse, validLessonYaml } from './test-fixtures.ts';

const realLessons = path.resolve(import.meta.dirname, '../../lessons');

function only(issues: LintIssue[], file: string): LintIssue {
  const matching = issues.filter((i) => i.file === file);
  assert.equal(matching.length, 1, `expected one issue in ${file}, got:\n${JSON.stringify(issues, null, 2)}`);
  return matching[0]!;
}

describe('lintLessons', () => {
  it('finds no problem in the real lessons folder', async () => {
    assert.deepEqual(await lintLessons(realLessons), []);
  });

  it('accepts the fixture course as written', async () => {
    const fixture = await makeFixtureCourse();
    assert.deepEqual(await lintLessons(fixture.dir), []);
  });

  it('reports a YAML syntax error at its line', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace('minutes: 5', 'minutes: [5');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issues = await lintLessons(fixture.dir);
    const issue = issues.find((i) => i.file === fixture.lessonFile('lesson.yaml'));
    assert.ok(issue, JSON.stringify(issues));
    assert.match(issue.message, /^YAML: /);
    // The unclosed flow sequence is detected at or right after the line that opens it.
    assert.ok(issue.line >= lineOf(broken, 'minutes:'), `line ${issue.line}`);
    assert.ok(issue.line <= lineOf(broken, 'sandbox:'), `line ${issue.line}`);
  });

  it('reports a duplicate YAML key at the duplicate', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace('minutes: 5\n', 'minutes: 5\nminutes: 6\n');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.equal(issue.line, lineOf(broken, 'minutes: 6'));
    assert.match(issue.message, /unique/);
  });

  it('reports an unknown field at its key, suggesting the right one', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace('    node: node1\n', '    node: node1\n    tittle: oops\n');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.equal(issue.line, lineOf(broken, 'tittle:'));
    assert.equal(issue.column, 5);
    assert.match(issue.message, /exercises\[0\]: unknown field "tittle" \(did you mean "title"\?\)/);
  });

  it('reports an unknown field inside an assertion', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace('driver: bridge', 'drivr: bridge');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.equal(issue.line, lineOf(broken, 'drivr'));
    assert.match(issue.message, /assert: unknown field "drivr" \(did you mean "driver"\?\)/);
  });

  it('reports an unknown assertion type at its line, listing the valid ones', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace('type: container_running', 'type: container_runs');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.equal(issue.line, lineOf(broken, 'container_runs'));
    assert.match(issue.message, /exercises\[0\]\.tasks\[1\]\.assert\.type: unknown type "container_runs"/);
    assert.match(issue.message, /container_running/);
  });

  it('reports a missing translation at the object that lacks it', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace('{ en: Box runs, zh: 容器运行 }', '{ en: Box runs }');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.equal(issue.line, lineOf(broken, 'Box runs'));
    assert.match(issue.message, /tasks\[1\]\.title: missing required field "zh"/);
  });

  it('reports a missing zh.md', async () => {
    const fixture = await makeFixtureCourse();
    await rm(path.join(fixture.dir, '06-networking', 'demo', 'zh.md'));
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('zh.md'));
    assert.deepEqual([issue.line, issue.column], [1, 1]);
    assert.match(issue.message, /zh\.md is missing/);
  });

  it('reports a duplicate task id at the second one', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace('- id: box', '- id: net');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    const second = broken.split('\n').findLastIndex((line) => line.includes('- id: net')) + 1;
    assert.equal(issue.line, second);
    assert.match(issue.message, /duplicate task id "net"/);
  });

  it('reports ids that are not kebab-case and nodes outside the sandbox', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml
      .replace('- id: first', '- id: First_One')
      .replace('node: node1', 'node: node3');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issues = (await lintLessons(fixture.dir)).filter(
      (i) => i.file === fixture.lessonFile('lesson.yaml'),
    );
    assert.deepEqual(
      issues.map((i) => i.line),
      [lineOf(broken, 'First_One'), lineOf(broken, 'node: node3')],
    );
    assert.match(issues[0]!.message, /kebab-case/);
    assert.match(issues[1]!.message, /node "node3" is not in this lesson's sandbox \(nodes: node1, node2\)/);
  });

  it('reports a task whose assertion looks at a node outside the sandbox', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace(
      '{ type: container_running, name: box }',
      '{ type: container_running, node: node4, name: box }',
    );
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.equal(issue.line, lineOf(broken, 'node: node4'));
    assert.match(
      issue.message,
      /assert\.node: node "node4" is not in this lesson's sandbox \(nodes: node1, node2\)/,
    );
  });

  it('accepts an http_responds task from another node and rejects a URL that is not http://', async () => {
    const fixture = await makeFixtureCourse();
    const http = validLessonYaml.replace(
      '{ type: container_running, name: box }',
      '{ type: http_responds, node: node2, url: "http://node1:8080/", bodyIncludes: hello }',
    );
    await fixture.writeLesson({ 'lesson.yaml': http });
    assert.deepEqual(await lintLessons(fixture.dir), []);
    const broken = http.replace('http://node1:8080/', 'ftp://node1/');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.equal(issue.line, lineOf(broken, 'ftp://'));
    assert.match(issue.message, /http:\/\/ URL/);
  });

  it('reports unknown chapter folders, missing chapter.yaml and unlisted lessons', async () => {
    const fixture = await makeFixtureCourse();
    await mkdir(path.join(fixture.dir, '08-compose'));
    await mkdir(path.join(fixture.dir, '6-networking'));
    await rm(path.join(fixture.dir, '03-containers', 'chapter.yaml'));
    await writeFile(
      path.join(fixture.dir, '06-networking', 'chapter.yaml'),
      'title: { en: Net, zh: 网络 }\nsummary: { en: Net, zh: 网络 }\nlessons:\n  - demo\n  - missing-one\n',
    );
    await mkdir(path.join(fixture.dir, '06-networking', 'unlisted'));
    const issues = await lintLessons(fixture.dir);
    assert.match(only(issues, 'lessons/08-compose').message, /unknown chapter folder "08-compose"/);
    assert.match(only(issues, 'lessons/6-networking').message, /did you mean "06-networking"/);
    assert.match(only(issues, 'lessons/03-containers/chapter.yaml').message, /chapter\.yaml is missing/);
    const chapterIssues = issues.filter((i) => i.file === 'lessons/06-networking/chapter.yaml');
    assert.deepEqual(
      chapterIssues.map((i) => [i.line, i.message]),
      [
        [
          3,
          'lesson folder 06-networking/unlisted is not listed under "lessons:" (that list sets the catalog order)',
        ],
        [5, 'lessons[1]: lesson folder 06-networking/missing-one not found'],
      ],
    );
    assert.match(
      only(issues, 'lessons/06-networking/unlisted/lesson.yaml').message,
      /lesson\.yaml is missing/,
    );
  });

  it('reports an empty lesson.yaml as missing fields at line 1', async () => {
    const fixture = await makeFixtureCourse();
    await fixture.writeLesson({ 'lesson.yaml': '' });
    const issues = (await lintLessons(fixture.dir)).filter(
      (i) => i.file === fixture.lessonFile('lesson.yaml'),
    );
    assert.ok(issues.length >= 3);
    assert.ok(issues.every((i) => i.line === 1));
    assert.ok(issues.some((i) => i.message === 'missing required field "title"'));
  });
});

describe('loadCourse on an invalid folder', () => {
  it('throws validation_failed listing file:line problems', async () => {
    const fixture = await makeFixtureCourse();
    const broken = validLessonYaml.replace('minutes: 5', 'minutes: five');
    await fixture.writeLesson({ 'lesson.yaml': broken });
    await assert.rejects(reloadCourse(fixture.dir), (error) => {
      assert.ok(isBerthError(error));
      assert.equal(error.code, 'validation_failed');
      assert.ok(error.message.includes(`lessons/06-networking/demo/lesson.yaml:${lineOf(broken, 'five')}:`));
      return true;
    });
  });
});
