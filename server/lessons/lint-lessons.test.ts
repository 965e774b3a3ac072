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

  it("reports a script's message key it never prints, and a message without zh, at their lines", async () => {
    const script = (messages: string) =>
      validLessonYaml.replace(
        'assert: { type: container_running, name: box }',
        `assert: { type: script, run: "echo box-up", messages: { ${messages} } }`,
      );
    const fixture = await makeFixtureCourse();
    await fixture.writeLesson({ 'lesson.yaml': script('box-up: { en: Up, zh: 运行中 }') });
    assert.deepEqual(await lintLessons(fixture.dir), []);
    const unused = script('box-up: { en: Up, zh: 运行中 }, box-down: { en: Down, zh: 停了 }');
    await fixture.writeLesson({ 'lesson.yaml': unused });
    const issue = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.equal(issue.line, lineOf(unused, 'box-down'));
    assert.match(issue.message, /messages\.box-down: the script never prints the message key "box-down"/);
    await fixture.writeLesson({ 'lesson.yaml': script('box-up: { en: Up }') });
    const noZh = only(await lintLessons(fixture.dir), fixture.lessonFile('lesson.yaml'));
    assert.match(noZh.message, /messages\.box-up: missing required field "zh"/);
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
  it('reports a code block without a language, and one never closed, at their lines', async () => {
    const fixture = await makeFixtureCourse();
    const en =
      '# Demo\n\n::exercise{#first}\n\n```bash\ndocker ps\n```\n\nOutput:\n\n```\nCONTAINER ID\n```\n';
    const zh = '# 演示\n\n::exercise{#first}\n\n```bash\ndocker ps\n```\n\n输出：\n\n```text\nCONTAINER ID\n';
    await fixture.writeLesson({ 'en.md': en, 'zh.md': zh });
    const issues = await lintLessons(fixture.dir);
    const unmarked = only(issues, fixture.lessonFile('en.md'));
    assert.equal(unmarked.line, 11);
    assert.match(unmarked.message, /code block without a language/);
    const unclosed = only(issues, fixture.lessonFile('zh.md'));
    assert.equal(unclosed.line, 11);
    assert.equal(unclosed.message, 'code block is never closed');
  });

  it('warns, without failing, when a translation is much shorter or lacks a code block or heading', async () => {
    const fixture = await makeFixtureCourse();
    const para = 'Docker images are read-only templates made of layers. '.repeat(12);
    const en = `# Demo\n\n::exercise{#first}\n\n${para}\n\n## Images\n\n${para}\n\n\`\`\`bash\ndocker image ls\n\`\`\`\n`;
    // The first section is about as long as the English one (0.47 per character), the second a stub.
    const zhPara = '镜像是由若干层组成的只读模板，容器在其上添加一个可写层。'.repeat(11);
    const zh = `# 演示\n\n::exercise{#first}\n\n${zhPara}\n\n## 镜像\n\n待翻译。\n\n\`\`\`bash\ndocker image ls\n\`\`\`\n`;
    await fixture.writeLesson({ 'en.md': en, 'zh.md': zh });
    const issues = await lintLessons(fixture.dir);
    const stale = only(issues, fixture.lessonFile('zh.md'));
    assert.equal(stale.severity, 'warning');
    assert.equal(stale.line, lineOf(zh, '## 镜像'));
    assert.match(stale.message, /section "镜像" is much shorter than its English twin "Images" \(en\.md:7;/);
    await reloadCourse(fixture.dir); // a warning does not keep the course from loading

    await fixture.writeLesson({
      'zh.md': `# 演示\n\n::exercise{#first}\n\n${zhPara}\n\n## 镜像\n\n${zhPara}\n`,
    });
    const missing = (await lintLessons(fixture.dir)).filter((i) => i.file === fixture.lessonFile('zh.md'));
    assert.deepEqual(
      missing.map((i) => [i.severity, i.line, i.message]),
      [['warning', 1, 'zh.md has 0 code block(s), en.md has 1: one translation is likely stale']],
    );

    await fixture.writeLesson({
      'zh.md': `# 演示\n\n::exercise{#first}\n\n${zhPara}${zhPara}\n\n\`\`\`bash\ndocker image ls\n\`\`\`\n`,
    });
    const headings = only(await lintLessons(fixture.dir), fixture.lessonFile('zh.md'));
    assert.equal(headings.message, 'zh.md has 1 heading(s), en.md has 2: one translation is likely stale');
  });

  it('reports exercise markers that are missing, doubled, unknown, malformed or misplaced, at their lines', async () => {
    const fixture = await makeFixtureCourse();
    const en = [
      '# Demo',
      '',
      '::exercise{run-hello}',
      '',
      '::exercize{#first}',
      '',
      '::exercise{#nope}',
      '',
      '- a list item',
      '  ::exercise{#first}',
      '',
      '```text',
      '::exercise{#in-code-is-fine}',
      '```',
      '',
    ].join('\n');
    const zh =
      '# 演示\n\n::exercise{#first}\n\n你好。\n\n::exercise{#first}\n\n```text\n::exercise{#x}\n```\n';
    await fixture.writeLesson({ 'en.md': en, 'zh.md': zh });
    const issues = await lintLessons(fixture.dir);
    const at = (file: string) =>
      issues.filter((i) => i.file === fixture.lessonFile(file)).map((i) => [i.line, i.message]);
    assert.deepEqual(at('en.md'), [
      [
        1,
        'exercise "first" has no marker: put a line ::exercise{#first} right after the text that teaches it',
      ],
      [
        3,
        'malformed exercise marker "::exercise{run-hello}": write ::exercise{#run-hello} (the id after "#", lowercase kebab-case)',
      ],
      [5, 'unknown directive "::exercize": the only one is an exercise marker, ::exercise{#first}'],
      [7, 'exercise marker for unknown exercise "nope" (lesson.yaml\'s exercises: first)'],
      [
        10,
        'an exercise marker stands alone at the start of a line, outside lists and quotes: ::exercise{#first}',
      ],
    ]);
    assert.deepEqual(at('zh.md'), [
      [7, 'exercise "first" is already placed at line 3: each exercise has one marker'],
    ]);
    await assert.rejects(reloadCourse(fixture.dir), /en\.md:3:1: malformed exercise marker/);
  });

  it('measures the real lessons inside the expected zh/en ratio', async () => {
    const issues = await lintLessons(realLessons);
    assert.deepEqual(
      issues.filter((i) => i.severity === 'warning'),
      [],
    );
  });
});
