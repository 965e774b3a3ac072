import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LessonSandbox, startLessonSandbox } from '../support/lesson-sandbox.ts';

// The canonical exercise networking/port-mapping/publish-nginx from outside, through the control plane:
// a running container `web` of `nginx` publishes container port 80 on the node's port 80, and
// http://localhost/ on the node is the nginx welcome page. Each near miss a learner makes (-P, another host
// or container port, another image serving on 80, a stopped web) fails the right task; a solution written
// unlike the lesson's (create + start, the image's full name, an explicit address and protocol) passes.
const LESSON = 'networking/port-mapping';
const EXERCISE = `${LESSON}/publish-nginx`;
const TASKS = ['web-publishes-80', 'welcome-page'];

describe('canonical exercise publish-nginx', () => {
  let box: LessonSandbox;
  // Each attempt starts from a sandbox without web, as a learner who removed it would.
  const attempt = async (script: string) =>
    (await box.onNode(`docker rm -f web >/dev/null 2>&1; ${script}`)).output;
  const check = async (lang = 'en') => {
    const { passed, byId } = await box.check(EXERCISE, { lang });
    assert.deepEqual([...byId.keys()], TASKS);
    return { passed, publishes: byId.get('web-publishes-80')!, page: byId.get('welcome-page')! };
  };

  before(async () => {
    box = await startLessonSandbox(LESSON, 'publish-nginx');
  });
  after(async () => box?.stop());

  test('a fresh sandbox fails both tasks: no web, nothing on port 80', async () => {
    const { passed, publishes, page } = await check();
    assert.equal(passed, false);
    assert.match(
      publishes.message,
      /^No container named "web" exists\. .*docker run -d --name web -p 80:80 nginx/,
    );
    assert.match(page.message, /^Nothing answered at http:\/\/localhost\//);
  });

  test('-P fails: Docker published 80 on a random host port, and port 80 is closed', async () => {
    const out = await attempt('docker run -d --name web -P nginx >/dev/null && docker port web 80');
    const random = out.trim().match(/:(\d+)$/m)?.[1];
    assert.ok(random && random !== '80', out);
    const { passed, publishes, page } = await check();
    assert.equal(passed, false);
    assert.match(
      publishes.message,
      new RegExp(
        `^Container "web" does not publish port 80/tcp on host port 80 \\(it publishes: 0\\.0\\.0\\.0:${random}->80/tcp`,
      ),
    );
    assert.equal(page.passed, false, page.message);
  });

  test('a wrong host port fails, in both languages', async () => {
    await attempt('docker run -d --name web -p 8080:80 nginx');
    const { passed, publishes, page } = await check('zh');
    assert.equal(passed, false);
    assert.match(
      publishes.message,
      /^容器 "web" 没有把端口 80\/tcp 发布到主机端口 80（现有发布：0\.0\.0\.0:8080->80\/tcp）/,
    );
    assert.equal(page.passed, false, page.message);
  });

  test('the host port right but the container port wrong fails: nothing listens on the container side', async () => {
    await attempt('docker run -d --name web -p 80:8080 nginx');
    const { passed, publishes, page } = await check();
    assert.equal(passed, false);
    assert.match(
      publishes.message,
      /does not publish port 80\/tcp on host port 80 \(it publishes: 0\.0\.0\.0:80->8080\/tcp\)/,
    );
    assert.equal(page.passed, false, page.message);
  });

  test('another image serving on port 80 fails both tasks: httpd is not nginx, its page is no welcome page', async () => {
    const out = await attempt(
      'docker run -d --name web -p 80:80 httpd:2.4 >/dev/null && for i in $(seq 50); do curl -fsS http://localhost/ && break; sleep 0.1; done',
    );
    assert.match(out, /It works!/);
    const { passed, publishes, page } = await check();
    assert.equal(passed, false);
    assert.match(publishes.message, /^Container "web" was created from "httpd:2\.4", not from "nginx"/);
    assert.match(page.message, /Welcome to nginx!/);
    assert.equal(page.passed, false);
  });

  test('a stopped web fails both tasks', async () => {
    await attempt('docker run -d --name web -p 80:80 nginx >/dev/null && docker stop web');
    const { passed, publishes, page } = await check();
    assert.equal(passed, false);
    assert.match(publishes.message, /^Container "web" exists but is exited, not running/);
    assert.equal(page.passed, false, page.message);
  });

  test('a solution written unlike the lesson passes: create + start, full image name, address and protocol', async () => {
    const out = await attempt(
      [
        'docker create --name web --publish 0.0.0.0:80:80/tcp docker.io/library/nginx:latest >/dev/null',
        'docker start web',
        'for i in $(seq 50); do curl -fsS http://localhost/ >/dev/null && break; sleep 0.1; done',
        'docker port web',
      ].join(' && '),
    );
    assert.match(out, /80\/tcp -> 0\.0\.0\.0:80/);
    const { passed, publishes, page } = await check();
    assert.equal(passed, true, `${publishes.message} / ${page.message}`);
    assert.match(publishes.message, /^Container "web" is running and publishes port 80\/tcp on host port 80/);
  });
});
