import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  makeFixtureCourse,
  quizExercisesYaml,
  quizLessonProse,
  validLessonYaml,
} from '../../server/lessons/test-fixtures.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

// Quizzes and answers through the control plane's routes, on a lesson fixture: a pure quiz without a
// sandbox (real SQLite progress), and live answers compared by the agent with a real sandbox's engine.

const LESSON = 'networking/demo';
const QUIZ = `${LESSON}/quiz`;
const LIVE = `${LESSON}/live`;
const RIGHT_QUIZ = {
  'writable-layer': ['container-layer'],
  'read-only': ['added', 'base'],
  'default-tag': 'LATEST',
  'layer-limit': '127',
};

describe('answers over the control plane, real DB, agent and engine', () => {
  let cp: ControlPlane;
  let ada: string;
  let eve: string;

  before(async () => {
    const fixture = await makeFixtureCourse();
    // One node is enough here and starts faster.
    const lesson = validLessonYaml.replace('sandbox: { nodes: 2 }', 'sandbox: { nodes: 1 }');
    await fixture.writeLesson({ 'lesson.yaml': `${lesson}${quizExercisesYaml}`, ...quizLessonProse });
    cp = await startControlPlane({ BERTH_LESSONS_DIR: fixture.dir });
    ada = await cp.signIn('Ada');
    eve = await cp.signIn('Eve');
  });
  after(async () => cp?.stop());

  test('a pure quiz is answered without a sandbox and recorded in progress', async () => {
    const anonymous = await cp.call('POST', '/api/answers', { body: { exerciseId: QUIZ, answers: {} } });
    assert.equal(anonymous.status, 401);

    const wrong = await cp.call('POST', '/api/answers', {
      cookie: ada,
      body: {
        exerciseId: QUIZ,
        answers: { 'writable-layer': ['image-top'], 'default-tag': '<b>x</b>', 'layer-limit': 'many' },
      },
    });
    assert.equal(wrong.status, 200, JSON.stringify(wrong.json));
    assert.equal(wrong.json.passed, false);
    assert.deepEqual(
      wrong.json.tasks.map((t: any) => [t.id, t.passed, t.message]),
      [
        ['writable-layer', false, 'That is not the right choice. Images are read-only.'],
        ['read-only', false, 'No answer yet. Every image layer is.'],
        ['default-tag', false, 'That is not the right answer. It is the default tag.'],
        ['layer-limit', false, 'The answer is a number. A little under 128.'],
      ],
    );
    assert.equal(wrong.json.tasks[0].title, 'Where does a running container write a new file?');

    const zh = await cp.call('POST', '/api/answers', {
      cookie: ada,
      body: { exerciseId: QUIZ, lang: 'zh', answers: { ...RIGHT_QUIZ, 'read-only': ['base'] } },
    });
    assert.deepEqual(
      zh.json.tasks.map((t: any) => t.message),
      [
        '回答正确。',
        '不完全对：要选中所有正确的选项，并且只选它们。 镜像的每一层都是。',
        '回答正确。',
        '回答正确。',
      ],
    );

    const right = await cp.call('POST', '/api/answers', {
      cookie: ada,
      body: { exerciseId: QUIZ, answers: RIGHT_QUIZ },
    });
    assert.equal(right.json.passed, true, JSON.stringify(right.json));

    const progress = await cp.call('GET', '/api/progress', { cookie: ada });
    const quiz = progress.json.exercises.find((e: any) => e.exerciseId === QUIZ);
    assert.equal(quiz.passed, true);
    assert.equal(quiz.attempts, 3);
    const others = await cp.call('GET', '/api/progress', { cookie: eve });
    assert.deepEqual(others.json.exercises, [], "another learner's progress is theirs");
  });

  test('answers are validated: 400 with the standard error shape, 404, 409', async () => {
    const post = (body: unknown) => cp.call('POST', '/api/answers', { cookie: ada, body });
    const unknown = await post({ exerciseId: QUIZ, answers: { 'no-such': 'x' } });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.code, 'bad_request');
    assert.match(unknown.json.error.message, /answers\.no-such: no answer task "no-such"/);

    const long = await post({ exerciseId: QUIZ, answers: { 'default-tag': 'x'.repeat(201) } });
    assert.equal(long.status, 400);
    assert.match(long.json.error.message, /at most 200 characters/);

    const foreign = await post({ exerciseId: QUIZ, answers: { 'writable-layer': ['base'] } });
    assert.equal(foreign.status, 400);
    assert.match(foreign.json.error.message, /not a choice of task "writable-layer"/);

    const typed = await post({ exerciseId: QUIZ, answers: { 'default-tag': 7 } });
    assert.equal(typed.status, 400);

    assert.equal((await post({ exerciseId: `${LESSON}/nope`, answers: {} })).status, 404);
    const live = await post({ exerciseId: LIVE, answers: { 'web-ip': '10.0.0.1' } });
    assert.equal(live.status, 409);
    assert.match(
      live.json.error.message,
      /looks at the sandbox; check it with POST \/api\/sandboxes\/:id\/checks/,
    );

    const progress = await cp.call('GET', '/api/progress', { cookie: ada });
    assert.equal(
      progress.json.exercises.find((e: any) => e.exerciseId === LIVE),
      undefined,
      'nothing recorded',
    );
  });

  test('live answers are compared with the sandbox by the agent, never revealed', async () => {
    const created = await cp.call('POST', '/api/sandboxes', { cookie: ada, body: { lessonId: LESSON } });
    assert.equal(created.status, 201, JSON.stringify(created.json));
    const sandboxId: string = created.json.id;
    await waitForState(cp, ada, sandboxId, 'ready');
    const check = (answers: Record<string, unknown>, cookie = ada, exerciseId = LIVE) =>
      cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, { cookie, body: { exerciseId, answers } });

    const fresh = await check({
      'web-ip': '172.17.0.2',
      'web-port': '8080',
      'web-id': 'abc',
      'web-image': 'nginx',
    });
    assert.equal(fresh.status, 200, JSON.stringify(fresh.json));
    assert.deepEqual(
      fresh.json.tasks.map((t: any) => [t.id, t.passed, t.message.split('. ')[0]]),
      [
        ['web-ip', false, 'No container named "web" exists'],
        ['web-port', false, 'No container named "web" exists'],
        ['web-id', false, 'No container named "web" exists'],
        ['web-image', false, 'The value to compare with could not be read from the sandbox (exit 1)'],
      ],
    );

    // The learner's work, on the node as in their terminal; the right answers read independently.
    const node = cp.agent.manager.nodeContainer(sandboxId, 'node1');
    const sh = async (script: string) => {
      const r = await cp.agent.engine.exec(node, ['bash', '-lc', script], { timeoutMs: 60_000 });
      assert.equal(r.exitCode, 0, r.output);
      return r.output.trim();
    };
    await sh('docker run -d --name web -p 8080:80 nginx');
    const ip = await sh("docker inspect -f '{{.NetworkSettings.IPAddress}}' web");
    const id = await sh("docker inspect -f '{{.Id}}' web");
    assert.match(ip, /^\d+\.\d+\.\d+\.\d+$/);
    const otherIp = ip.replace(/\d+$/, (d) => String((Number(d) + 1) % 256));

    const wrong = await check({
      'web-ip': otherIp,
      'web-port': '80',
      'web-id': id.slice(0, 8),
      'web-image': 'httpd',
    });
    assert.deepEqual(
      wrong.json.tasks.map((t: any) => [t.id, t.passed, t.message]),
      [
        ['web-ip', false, 'That is not the address of container "web". docker inspect shows it.'],
        [
          'web-port',
          false,
          'That is not the node port that port 80/tcp of container "web" is published on. docker port shows it.',
        ],
        [
          'web-id',
          false,
          'Give at least the first 12 characters of the id. docker ps shows its first 12 characters.',
        ],
        ['web-image', false, 'That is not the right answer. Look at docker ps.'],
      ],
    );
    assert.ok(!JSON.stringify(wrong.json).includes(ip), 'the right address is never sent back');

    const zhWrong = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie: ada,
      body: { exerciseId: LIVE, lang: 'zh', answers: { 'web-ip': otherIp } },
    });
    assert.match(zhWrong.json.tasks[0].message, /^这不是容器 "web" 的地址。/);

    // Another learner cannot check on this sandbox.
    assert.equal((await check({ 'web-ip': ip }, eve)).status, 404);

    const right = await check({
      'web-ip': ` ${ip} `,
      'web-port': '8080',
      'web-id': id.slice(0, 12),
      'web-image': 'nginx',
    });
    assert.equal(right.json.passed, true, JSON.stringify(right.json));
    assert.ok(right.json.tasks.every((t: any) => t.message === 'Right.'));
    assert.equal(
      (await check({ 'web-ip': ip, 'web-port': '8080', 'web-id': id, 'web-image': 'nginx' })).json.passed,
      true,
    );

    // A pure quiz goes through the sandbox route too; a check of the sandbox takes no answers.
    assert.equal((await check(RIGHT_QUIZ, ada, QUIZ)).json.passed, true);
    const first = await check({ net: 'x' }, ada, `${LESSON}/first`);
    assert.equal(first.status, 400);
    assert.match(first.json.error.message, /asks no questions/);

    const progress = await cp.call('GET', '/api/progress', { cookie: ada });
    const live = progress.json.exercises.find((e: any) => e.exerciseId === LIVE);
    assert.deepEqual([live.passed, live.attempts], [true, 5]);

    // The expected values are for `lessons verify` only: the agent's route wants its token.
    const agentUrl = process.env.BERTH_AGENT_URL!;
    const reveal = (authorization?: string) =>
      fetch(`${agentUrl}/v1/sandboxes/${sandboxId}/answers`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
        body: JSON.stringify({
          node: 'node1',
          timeoutMs: 10_000,
          sources: [
            { id: 'ip', from: { type: 'container_ip', container: 'web' } },
            { id: 'port', from: { type: 'published_port', container: 'web', port: '80/tcp' } },
            { id: 'gone', from: { type: 'image_layer_count', image: 'no-such-image' } },
          ],
        }),
      });
    assert.equal((await reveal()).status, 401);
    const revealed = await (await reveal(`Bearer ${cp.token}`)).json();
    assert.deepEqual(revealed, {
      answers: [
        { id: 'ip', value: ip },
        { id: 'port', value: '8080' },
        { id: 'gone', finding: { code: 'image_missing', params: { name: 'no-such-image' } } },
      ],
    });
  });
});
