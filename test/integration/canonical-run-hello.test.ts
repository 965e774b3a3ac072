import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LessonSandbox, startLessonSandbox } from '../support/lesson-sandbox.ts';

// The canonical exercise concepts/images-and-containers/run-hello from outside, through the control plane:
// a container `hello` from `busybox` ran `echo Hello, Berth`, printed it and exited 0. Each near miss a
// learner makes fails the right task with a message that says what is wrong; a solution written unlike
// the lesson's (docker create + start, the image's full name, printf in a shell) passes.
const LESSON = 'concepts/images-and-containers';
const EXERCISE = `${LESSON}/run-hello`;
const TASKS = ['hello-exited', 'hello-printed'];

describe('canonical exercise run-hello', () => {
  let box: LessonSandbox;
  // Each attempt starts from a sandbox without hello or hello2, as a learner who removed them would.
  const attempt = async (script: string) =>
    (await box.onNode(`docker rm -f hello hello2 >/dev/null 2>&1; ${script}`)).output;
  const check = async (lang = 'en') => {
    const { passed, byId } = await box.check(EXERCISE, { lang });
    assert.deepEqual([...byId.keys()], TASKS);
    return { passed, exited: byId.get('hello-exited')!, printed: byId.get('hello-printed')! };
  };

  before(async () => {
    box = await startLessonSandbox(LESSON, 'run-hello');
  });
  after(async () => box?.stop());

  test('a fresh sandbox fails both tasks: there is no container hello', async () => {
    const { passed, exited, printed } = await check();
    assert.equal(passed, false);
    assert.match(exited.message, /^No container named "hello" exists\. .*docker run --name hello busybox/);
    assert.match(printed.message, /^No container named "hello" exists/);
  });

  test('another name fails: hello2 is not hello', async () => {
    await attempt('docker run --name hello2 busybox echo Hello, Berth');
    const { passed, exited } = await check();
    assert.equal(passed, false);
    assert.match(exited.message, /^No container named "hello" exists/);
  });

  test('another image fails on the image, even though the text is right', async () => {
    const out = await attempt('docker run --name hello debian:bookworm echo Hello, Berth');
    assert.match(out, /Hello, Berth/);
    const { passed, exited, printed } = await check();
    assert.equal(passed, false);
    assert.match(exited.message, /^Container "hello" was created from "debian:bookworm", not from "busybox"/);
    assert.equal(printed.passed, false);
  });

  test('another text fails only the output task', async () => {
    await attempt('docker run --name hello busybox echo Hello, World');
    const { passed, exited, printed } = await check();
    assert.equal(passed, false);
    assert.equal(exited.passed, true, exited.message);
    assert.match(printed.message, /^Container "hello" did not print "Hello, Berth" \(to stdout\)/);
  });

  test('the text on stderr instead of stdout fails the output task', async () => {
    await attempt(`docker run --name hello busybox sh -c 'echo Hello, Berth >&2'`);
    const { exited, printed } = await check();
    assert.equal(exited.passed, true, exited.message);
    assert.equal(printed.passed, false, printed.message);
  });

  test('a non-zero exit fails, even after printing the text', async () => {
    await attempt(`docker run --name hello busybox sh -c 'echo Hello, Berth; exit 3'`);
    const { passed, exited, printed } = await check();
    assert.equal(passed, false);
    assert.match(exited.message, /^Container "hello" exited with code 3, not 0/);
    assert.equal(printed.passed, false);
  });

  test('a container still running (or only created) fails: it should have run and exited', async () => {
    await attempt(`docker run -d --name hello busybox sh -c 'echo Hello, Berth; sleep 600'`);
    const running = await check();
    assert.equal(running.passed, false);
    assert.match(running.exited.message, /^Container "hello" is running; it should have run and exited/);
    await attempt('docker create --name hello busybox echo Hello, Berth');
    const created = await check('zh');
    assert.equal(created.passed, false);
    assert.match(created.exited.message, /^容器 "hello" 的状态是 created；它应当已经运行并退出/);
  });

  test('a solution written unlike the lesson passes: create + start, full image name, printf', async () => {
    const out = await attempt(
      `docker create --name hello docker.io/library/busybox:latest sh -c 'printf "%s\\n" "Hello, Berth"' && docker start -a hello`,
    );
    assert.match(out, /Hello, Berth/);
    const { passed, exited, printed } = await check();
    assert.equal(passed, true, `${exited.message} / ${printed.message}`);
    assert.match(exited.message, /^Container "hello" exited with code 0/);
  });
});
