import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LessonSandbox, startLessonSandbox } from '../support/lesson-sandbox.ts';

// The canonical exercise containers/export-import/import-snapshot through the control plane, solved another
// way than the lesson's solution (snap kept running and written with exec, `docker export -o`, `docker import
// FILE`): a fresh sandbox fails, and so do a commit instead of an import, the tar elsewhere, another tag,
// other content and a snap from another Debian.
const EXERCISE = 'containers/export-import/import-snapshot';
const TASKS = ['snap-wrote-file', 'snap-is-bookworm', 'tar-exported', 'image-imported', 'image-has-file'];

describe('canonical exercise import-snapshot', () => {
  let sb: LessonSandbox;
  const solve = async (...lines: string[]) => {
    const r = await sb.onNode(`set -e\n${lines.join('\n')}`);
    assert.equal(r.exitCode, 0, `${lines.join('\n')}\n→ ${r.output.slice(-600)}`);
  };
  // Which of the five tasks pass, in order, and each task's message.
  const check = async () => {
    const { passed, byId } = await sb.check(EXERCISE);
    const message = (id: string) => byId.get(id)?.message ?? '';
    return { passed, outcome: TASKS.map((id) => byId.get(id)?.passed), message };
  };

  before(async () => {
    sb = await startLessonSandbox('containers/export-import', 'import-snapshot');
  });
  after(async () => {
    await sb?.stop();
  });

  test('a fresh sandbox fails every task', async () => {
    const { passed, outcome, message } = await check();
    assert.equal(passed, false);
    assert.deepEqual(outcome, [false, false, false, false, false]);
    assert.match(message('snap-wrote-file'), /No container named "snap" exists/);
    assert.match(message('tar-exported'), /There is no file \/root\/snap\.tar on the node/);
    assert.match(message('image-imported'), /Image "test\/debian:v1\.0" is not present/);
  });

  test('a commit of snap instead of an import fails as not imported', async () => {
    await solve(
      'docker run -d --name snap debian:bookworm sleep infinity',
      `docker exec snap sh -c 'printf "exported\\n" > /snapshot.txt'`,
      'docker commit snap test/debian:v1.0',
    );
    const { passed, outcome, message } = await check();
    assert.equal(passed, false);
    assert.deepEqual(outcome, [true, true, false, false, true]);
    assert.match(message('image-imported'), /was not made by `docker import`/);
  });

  test('the tar elsewhere and imported under another tag fail', async () => {
    await solve(
      'docker rmi test/debian:v1.0',
      'docker export -o /tmp/snap.tar snap',
      'docker import /tmp/snap.tar test/debian:v1',
    );
    const { outcome, message } = await check();
    assert.deepEqual(outcome, [true, true, false, false, false]);
    assert.match(message('tar-exported'), /There is no file \/root\/snap\.tar/);
    assert.match(message('image-has-file'), /Image "test\/debian:v1\.0" is not present/);
  });

  test('other content in the file fails in the container, the tar and the image', async () => {
    await solve(
      `docker exec snap sh -c 'echo imported > /snapshot.txt'`,
      'docker export -o /root/snap.tar snap',
      'docker import /root/snap.tar test/debian:v1.0',
    );
    const { outcome, message } = await check();
    assert.deepEqual(outcome, [false, true, false, true, false]);
    assert.match(message('snap-wrote-file'), /says "imported", not "exported"/);
    assert.match(message('tar-exported'), /snapshot\.txt in \/root\/snap\.tar says "imported"/);
    assert.match(message('image-has-file'), /in image "test\/debian:v1\.0" says "imported"/);
    // In the page's language: the archive's task too, though a script checks it.
    const zh = await sb.check(EXERCISE, { lang: 'zh' });
    assert.match(
      zh.byId.get('tar-exported')!.message,
      /\/root\/snap\.tar 中的 snapshot\.txt 内容是 "imported"/,
    );
  });

  test('exported with -o and imported from the file, a running snap passes', async () => {
    await solve(
      `docker exec snap sh -c 'echo exported > /snapshot.txt'`,
      'docker export --output=/root/snap.tar snap',
      'docker import /root/snap.tar test/debian:v1.0',
    );
    const { passed, outcome } = await check();
    assert.equal(passed, true, JSON.stringify(outcome));
  });

  test('a snap made from debian:trixie fails as not bookworm', async () => {
    await solve(
      'docker rm -f snap',
      `docker run --name snap debian:trixie sh -c 'echo exported > /snapshot.txt'`,
    );
    const { passed, outcome, message } = await check();
    assert.equal(passed, false);
    assert.equal(outcome[1], false);
    assert.match(
      message('snap-is-bookworm'),
      /\/etc\/debian_version in container "snap" does not contain "12\."/,
    );
  });
});
