import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { matchesId, matchesLive, matchesValue, parseNumber } from '../../contract/answer-match.ts';
import { renderCheckMessage } from '../../contract/check-messages.ts';
import { isBerthError } from '../../contract/errors.ts';
import type { ExerciseDef } from '../lessons/course-types.ts';
import { reloadCourse } from '../lessons/load-course.ts';
import {
  makeFixtureCourse,
  quizExercisesYaml,
  quizLessonProse,
  validLessonYaml,
} from '../lessons/test-fixtures.ts';
import { checkExercise } from './check-exercise.ts';
import { matchAnswer } from './match-answer.ts';
import { parseAnswers } from './parse-answers.ts';

// Answers: how a typed value is compared, how multiple choice is judged, and what a learner may send.

async function fixtureExercises(): Promise<{ quiz: ExerciseDef; live: ExerciseDef; first: ExerciseDef }> {
  const fixture = await makeFixtureCourse();
  await fixture.writeLesson({ 'lesson.yaml': `${validLessonYaml}${quizExercisesYaml}`, ...quizLessonProse });
  const course = await reloadCourse(fixture.dir);
  const get = (id: string) => course.exercises.get(`networking/demo/${id}`)!;
  return { quiz: get('quiz'), live: get('live'), first: get('first') };
}

describe('matching a typed answer', () => {
  it('exact: after trimming, and case counts', () => {
    assert.equal(matchesValue('  latest \n', 'latest', 'exact'), true);
    assert.equal(matchesValue('Latest', 'latest', 'exact'), false);
    assert.equal(matchesValue('lat est', 'latest', 'exact'), false);
  });

  it('ignore-case: any case', () => {
    assert.equal(matchesValue('LATEST', 'latest', 'ignore-case'), true);
    assert.equal(matchesValue('latest1', 'latest', 'ignore-case'), false);
  });

  it('number: the same number however it is written, never a word or an empty answer', () => {
    assert.equal(matchesValue('127', '127', 'number'), true);
    assert.equal(matchesValue(' 127.0 ', '127', 'number'), true);
    assert.equal(matchesValue('+127', '127', 'number'), true);
    assert.equal(matchesValue('128', '127', 'number'), false);
    assert.equal(matchesValue('0x7f', '127', 'number'), false);
    assert.equal(matchesValue('', '0', 'number'), false);
    assert.equal(parseNumber('1e3'), undefined, 'no exponents: a learner types digits');
    assert.equal(parseNumber('-2.5'), -2.5);
  });

  it('ids: the full id or a prefix of at least 12 hex characters, sha256: optional', () => {
    const id = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    assert.equal(matchesId('0123456789ab', id), true);
    assert.equal(matchesId('0123456789AB', id), true);
    assert.equal(matchesId(id, id), true);
    assert.equal(matchesId('sha256:0123456789abcd', id), true);
    assert.equal(matchesId('0123456789a', id), false, '11 characters are too few');
    assert.equal(matchesId('1123456789ab', id), false);
    assert.equal(matchesId('', id), false);
  });

  it('live values: any of the accepted ones, compared by the source type', () => {
    assert.equal(matchesLive('container_ip', '172.17.0.2', ['172.18.0.5', '172.17.0.2']), true);
    assert.equal(matchesLive('container_ip', '172.17.0.3', ['172.17.0.2']), false);
    assert.equal(matchesLive('published_port', '08080', ['8080']), true);
    assert.equal(matchesLive('container_exit_code', '3', ['0']), false);
    assert.equal(matchesLive('node_output', ' hello ', ['hello']), true);
    assert.equal(matchesLive('node_output', 'Hello', ['hello']), false);
  });
});

describe('judging a static answer', () => {
  it('multiple choice: exactly the right ids, in any order; a miss names no choice', async () => {
    const { quiz } = await fixtureExercises();
    const one = quiz.tasks[0]!.answer!;
    const several = quiz.tasks[1]!.answer!;
    assert.ok(one.kind === 'choice' && several.kind === 'choice');
    assert.deepEqual(matchAnswer(one, ['container-layer']), {
      passed: true,
      finding: { code: 'answer_right' },
    });
    assert.equal(matchAnswer(one, ['image-top']).finding.code, 'answer_wrong_choice');
    assert.equal(matchAnswer(one, ['image-top', 'container-layer']).passed, false);
    assert.equal(matchAnswer(one, []).finding.code, 'answer_missing');
    assert.equal(matchAnswer(one, undefined).finding.code, 'answer_missing');
    assert.equal(matchAnswer(several, ['added', 'base']).passed, true);
    assert.equal(matchAnswer(several, ['base']).finding.code, 'answer_wrong_choices');
    assert.equal(matchAnswer(several, ['base', 'added', 'writable']).passed, false);
  });

  it('a typed value: by its match; a word where a number is asked says so', async () => {
    const { quiz } = await fixtureExercises();
    const tag = quiz.tasks[2]!.answer!;
    const limit = quiz.tasks[3]!.answer!;
    assert.ok(tag.kind === 'value' && limit.kind === 'value');
    assert.equal(matchAnswer(tag, ' LATEST ').passed, true);
    assert.equal(matchAnswer(tag, 'stable').finding.code, 'answer_wrong_value');
    assert.equal(matchAnswer(tag, '   ').finding.code, 'answer_missing');
    assert.equal(matchAnswer(limit, '127').passed, true);
    assert.equal(matchAnswer(limit, '128').finding.code, 'answer_wrong_value');
    assert.equal(matchAnswer(limit, 'many').finding.code, 'answer_not_a_number');
  });

  it('a whole quiz without a sandbox, every message free of the answers, in both languages', async () => {
    const { quiz } = await fixtureExercises();
    const given = '<b>x</b>';
    const wrong = parseAnswers(quiz, {
      'writable-layer': ['registry'],
      'default-tag': given,
      'layer-limit': '12',
    });
    const outcomes = await checkExercise(quiz, wrong);
    assert.deepEqual(
      outcomes.map((o) => [o.id, o.passed, o.finding?.code]),
      [
        ['writable-layer', false, 'answer_wrong_choice'],
        ['read-only', false, 'answer_missing'],
        ['default-tag', false, 'answer_wrong_value'],
        ['layer-limit', false, 'answer_wrong_value'],
      ],
    );
    for (const o of outcomes) {
      for (const lang of ['en', 'zh'] as const) {
        const text = renderCheckMessage(o.finding!, lang);
        assert.doesNotMatch(text, /container-layer|latest|127|<b>|registry/i, `${o.id} gives nothing away`);
      }
    }
    const right = parseAnswers(quiz, {
      'writable-layer': ['container-layer'],
      'read-only': ['base', 'added', 'base'],
      'default-tag': 'Latest',
      'layer-limit': '127',
    });
    assert.ok((await checkExercise(quiz, right)).every((o) => o.passed));
  });

  it('refuses to check a live answer without the sandbox', async () => {
    const { live } = await fixtureExercises();
    await assert.rejects(
      checkExercise(live, parseAnswers(live, { 'web-ip': '10.0.0.1' })),
      /looks at the sandbox/,
    );
    // Empty live answers are judged here, without asking the agent.
    const blank = await checkExercise(live, new Map(), async () => {
      throw new Error('the agent is not asked');
    });
    assert.deepEqual(
      blank.map((o) => [o.id, o.passed, o.finding?.code]),
      [
        ['web-ip', false, 'answer_missing'],
        ['web-port', false, 'answer_missing'],
        ['web-id', false, 'answer_missing'],
        ['web-image', false, 'answer_missing'],
      ],
    );
  });
});

describe('validating what a learner sends', () => {
  const rejects = (f: () => unknown, pattern: RegExp) =>
    assert.throws(f, (e) => {
      assert.ok(isBerthError(e));
      assert.equal(e.code, 'bad_request');
      assert.match(e.message, pattern);
      return true;
    });

  it('accepts partial answers and drops repeated choices', async () => {
    const { quiz } = await fixtureExercises();
    assert.deepEqual([...parseAnswers(quiz, { 'read-only': ['base', 'base'] })], [['read-only', ['base']]]);
    assert.equal(parseAnswers(quiz, undefined).size, 0);
  });

  it('rejects an unknown task id, a check task id, a foreign choice, a wrong type and a long value', async () => {
    const { quiz, first, live } = await fixtureExercises();
    rejects(
      () => parseAnswers(quiz, { 'no-such': 'x' }),
      /answers\.no-such: no answer task "no-such" in networking\/demo\/quiz \(its answer tasks: writable-layer, read-only, default-tag, layer-limit\)/,
    );
    rejects(() => parseAnswers(first, { net: 'x' }), /asks no questions/);
    rejects(
      () => parseAnswers(quiz, { 'writable-layer': ['base'] }),
      /answers\.writable-layer\[0\]: not a choice of task "writable-layer"/,
    );
    rejects(
      () => parseAnswers(quiz, { 'writable-layer': 'registry' }),
      /answers\.writable-layer: a list of choice ids/,
    );
    rejects(() => parseAnswers(quiz, { 'default-tag': ['latest'] }), /answers\.default-tag: a typed answer/);
    rejects(
      () => parseAnswers(live, { 'web-ip': 'x'.repeat(201) }),
      /answers\.web-ip: an answer is at most 200 characters/,
    );
    assert.equal(parseAnswers(live, { 'web-ip': 'x'.repeat(200) }).get('web-ip'), 'x'.repeat(200));
    rejects(() => parseAnswers(quiz, ['a']), /answers/);
  });
});
