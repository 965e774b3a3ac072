import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { LintIssue } from './lint-issue.ts';
import { lintLessons } from './lint-lessons.ts';
import { reloadCourse } from './load-course.ts';
import {
  lineOf,
  makeFixtureCourse,
  quizExercisesYaml,
  quizLessonProse,
  validLessonYaml,
} from './test-fixtures.ts';

// Lint of answer tasks (quizzes): each mistake an author can make is reported at the line to edit.

const quizLesson = `${validLessonYaml}${quizExercisesYaml}`;

async function lintOf(yaml: string): Promise<LintIssue[]> {
  const fixture = await makeFixtureCourse();
  await fixture.writeLesson({ 'lesson.yaml': yaml, ...quizLessonProse });
  return (await lintLessons(fixture.dir)).filter((i) => i.file === fixture.lessonFile('lesson.yaml'));
}

async function onlyIssue(yaml: string): Promise<LintIssue> {
  const issues = await lintOf(yaml);
  assert.equal(issues.length, 1, JSON.stringify(issues, null, 2));
  return issues[0]!;
}

function replaced(text: string, from: string, to: string): string {
  assert.ok(text.includes(from), `fixture lacks ${from}`);
  return text.replace(from, to);
}

describe('answer tasks in lesson.yaml', () => {
  it('accepts every answer form, and a pure quiz without a solution', async () => {
    assert.deepEqual(await lintOf(quizLesson), []);
    const fixture = await makeFixtureCourse();
    await fixture.writeLesson({ 'lesson.yaml': quizLesson, ...quizLessonProse });
    const course = await reloadCourse(fixture.dir);
    const quiz = course.exercises.get('networking/demo/quiz');
    assert.ok(quiz);
    assert.equal(quiz.pureQuiz, true);
    assert.equal(quiz.solution, undefined);
    assert.deepEqual(quiz.tasks[0]!.answer, {
      kind: 'choice',
      choices: [
        { id: 'image-top', label: { en: "Into the image's top layer", zh: '写进镜像的最上层' } },
        {
          id: 'container-layer',
          label: { en: "Into the container's own writable layer", zh: '写进容器自己的可写层' },
        },
        { id: 'registry', label: { en: 'Into the registry', zh: '写进镜像仓库' } },
      ],
      correct: ['container-layer'],
    });
    // YAML reads 127 as a number; a learner types text, so the value is kept as text.
    assert.deepEqual(quiz.tasks[3]!.answer, { kind: 'value', value: '127', match: 'number' });
    const live = course.exercises.get('networking/demo/live');
    assert.ok(live);
    assert.equal(live.pureQuiz, false);
    assert.deepEqual(live.tasks[1]?.answer, {
      kind: 'live',
      from: { type: 'published_port', container: 'web', port: '80/tcp' },
    });
    assert.equal(course.exercises.get('networking/demo/first')?.pureQuiz, false);
  });

  it('reports a task with neither assert nor answer, and one with both', async () => {
    const neither = replaced(quizLesson, '        answer: { value: latest, match: ignore-case }\n', '');
    const issue = await onlyIssue(neither);
    assert.equal(issue.line, lineOf(neither, '- id: default-tag'));
    assert.match(issue.message, /tasks\[2\]: a task needs "assert" \(a check of the sandbox\) or "answer"/);

    const both = replaced(
      quizLesson,
      '        answer: { value: latest, match: ignore-case }\n',
      '        assert: { type: image_exists, name: nginx }\n        answer: { value: latest }\n',
    );
    const twice = await onlyIssue(both);
    assert.equal(twice.line, lineOf(both, 'answer: { value: latest }'));
    assert.match(twice.message, /tasks\[2\]\.answer: a task has either "assert" or "answer", not both/);
  });

  it('reports an answer with no form, or two', async () => {
    const none = replaced(quizLesson, 'answer: { value: latest, match: ignore-case }', 'answer: {}');
    const issue = await onlyIssue(none);
    assert.equal(issue.line, lineOf(none, 'answer: {}'));
    assert.match(issue.message, /answer: an answer needs one of: "choices" \(with "correct"\), "value"/);

    const two = replaced(
      quizLesson,
      'answer: { value: latest, match: ignore-case }',
      'answer: { value: latest, from: { type: image_id, image: nginx } }',
    );
    const both = await onlyIssue(two);
    assert.equal(both.line, lineOf(two, 'from: { type: image_id'));
    assert.match(
      both.message,
      /answer\.from: an answer has only one of "choices", "value", "from" \(this one also has "value"\)/,
    );
  });

  it('reports duplicate choice ids at the second one', async () => {
    const broken = replaced(
      quizLesson,
      '{ id: registry, en: Into the registry',
      '{ id: image-top, en: Into the registry',
    );
    const issue = await onlyIssue(broken);
    assert.equal(issue.line, lineOf(broken, 'Into the registry'));
    assert.match(
      issue.message,
      /tasks\[0\]\.answer\.choices\[2\]\.id: duplicate choice id "image-top" \(also choices\[0\]\)/,
    );
  });

  it('reports a correct id that is not a choice, an empty correct, and a missing correct', async () => {
    const unknown = replaced(quizLesson, 'correct: [base, added]', 'correct: [base, adde]');
    const issue = await onlyIssue(unknown);
    assert.equal(issue.line, lineOf(unknown, 'correct: [base, adde]'));
    assert.match(
      issue.message,
      /tasks\[1\]\.answer\.correct\[1\]: "adde" is not one of the choices \(base, added, writable\)/,
    );

    const empty = replaced(quizLesson, 'correct: [base, added]', 'correct: []');
    assert.match((await onlyIssue(empty)).message, /answer\.correct: name at least one right choice/);

    const missing = replaced(quizLesson, '          correct: [base, added]\n', '');
    const lacking = await onlyIssue(missing);
    assert.match(lacking.message, /tasks\[1\]\.answer: missing required field "correct"/);
    assert.equal(lacking.line, lineOf(missing, 'id: base,') - 1);
  });

  it('reports a choice without its Chinese text at that choice', async () => {
    const broken = replaced(quizLesson, ', zh: 写进镜像仓库 }', ' }');
    const issue = await onlyIssue(broken);
    assert.equal(issue.line, lineOf(broken, 'Into the registry'));
    assert.match(issue.message, /tasks\[0\]\.answer\.choices\[2\]: missing required field "zh"/);
  });

  it('reports a match without a value, a number match on a word, and an unknown match', async () => {
    const broken = replaced(
      quizLesson,
      'answer: { value: 127, match: number }',
      'answer: { value: many, match: number }',
    );
    const issue = await onlyIssue(broken);
    assert.equal(issue.line, lineOf(broken, 'value: many'));
    assert.match(issue.message, /answer\.value: "many" is not a number, but match is "number"/);

    const unknown = replaced(quizLesson, 'match: ignore-case', 'match: fuzzy');
    assert.match((await onlyIssue(unknown)).message, /answer\.match: .*"exact"/);

    const live = replaced(
      quizLesson,
      'from: { type: container_ip, container: web }',
      'from: { type: container_ip, container: web }\n          match: exact',
    );
    const stray = await onlyIssue(live);
    assert.equal(stray.line, lineOf(live, 'match: exact'));
    assert.match(stray.message, /answer\.match: "match" applies to a "value" answer only/);
  });

  it('reports an unknown live source, and a live source on a node outside the sandbox', async () => {
    const typo = replaced(quizLesson, 'type: container_ip', 'type: container_address');
    const issue = await onlyIssue(typo);
    assert.equal(issue.line, lineOf(typo, 'container_address'));
    assert.match(
      issue.message,
      /answer\.from\.type: unknown type "container_address"; expected one of: container_ip, container_id/,
    );

    const node = replaced(
      quizLesson,
      '{ type: container_ip, container: web }',
      '{ type: container_ip, container: web, node: node5 }',
    );
    const far = await onlyIssue(node);
    assert.equal(far.line, lineOf(node, 'node: node5'));
    assert.match(
      far.message,
      /answer\.from\.node: node "node5" is not in this lesson's sandbox \(nodes: node1, node2\)/,
    );
  });

  it('needs a solution for checks of the sandbox and live answers, and none for a pure quiz', async () => {
    const noSolution = replaced(
      quizLesson,
      '    solution: |\n      docker run -d --name web -p 8080:80 nginx\n',
      '',
    );
    const issue = await onlyIssue(noSolution);
    assert.equal(issue.line, lineOf(noSolution, '- id: live'));
    assert.match(
      issue.message,
      /exercises\[2\]: missing required field "solution" \(task "web-ip" looks at the sandbox/,
    );

    const quizSolution = replaced(
      quizLesson,
      '        hint: { en: A little under 128., zh: 比 128 少一点。 }\n',
      '        hint: { en: A little under 128., zh: 比 128 少一点。 }\n    solution: echo 127\n',
    );
    const extra = await onlyIssue(quizSolution);
    assert.equal(extra.line, lineOf(quizSolution, 'solution: echo 127'));
    assert.match(extra.message, /exercises\[1\]\.solution: a quiz of static answers has no solution/);
  });

  it('bounds a value by what a learner can type', async () => {
    const long = replaced(quizLesson, 'value: latest,', `value: ${'x'.repeat(201)},`);
    assert.match((await onlyIssue(long)).message, /answer\.value: a learner can type at most 200 characters/);
  });
});
