import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';

// The canonical exercise containers/export-import/import-snapshot through the control plane, solved another
// way than the lesson's solution (snap kept running and written with exec, `docker export -o`, `docker import
// FILE`): a fresh sandbox fails, and so do a commit instead of an import, the tar elsewhere, another tag,
// other content and a snap from another Debian.
const LESSON = 'containers/export-import';
const EXERCISE = `${LESSON}/import-snapshot`;
type Task = { passed: boolean; message: string };

describe('canonical exercise import-snapshot', () => {
  let cp: ControlPlane;
  let cookie: string;
  let sandboxId: string;
  const onNode = async (script: string) => {
    const node = cp.agent.manager.nodeContainer(sandboxId, 'node1');
    const r = await cp.agent.engine.exec(node, ['bash', '-lc', `set -e\n${script}`], { timeoutMs: 60_000 });
    assert.equal(r.exitCode, 0, `${script}\n→ ${r.output.slice(-600)}`);
  };
  const check = async () => {
    const r = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie,
      body: { exerciseId: EXERCISE },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    const byId = new Map<string, Task>(r.json.tasks.map((t: Task & { id: string }) => [t.id, t]));
    const task = (id: string) => {
      const t = byId.get(id);
      assert.ok(t, `task ${id} is checked`);
      return t;
    };
    return { passed: r.json.passed as boolean, task };
  };
  const outcome = (task: (id: string) => Task, ids: string[]) => ids.map((id) => task(id).passed);
  const TASKS = ['snap-wrote-file', 'snap-is-bookworm', 'tar-exported', 'image-imported', 'image-has-file'];

  before(async () => {
    cp = await startControlPlane();
    cookie = await cp.signIn('import-snapshot');
    const r = await cp.call('POST', '/api/sandboxes', { cookie, body: { lessonId: LESSON } });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    sandboxId = r.json.id;
    await waitForState(cp, cookie, sandboxId, 'ready', 90_000);
  });
  after(async () => {
    await cp.call('DELETE', `/api/sandboxes/${sandboxId}`, { cookie }).catch(() => {});
    await cp.stop();
  });

  test('a fresh sandbox fails every task', async () => {
    const { passed, task } = await check();
    assert.equal(passed, false);
    assert.deepEqual(outcome(task, TASKS), [false, false, false, false, false]);
    assert.match(task('snap-wrote-file').message, /No container named "snap" exists/);
    assert.match(task('tar-exported').message, /There is no file \/root\/snap\.tar on the node/);
    assert.match(task('image-imported').message, /Image "test\/debian:v1\.0" is not present/);
  });

  test('a commit of snap instead of an import fails as not imported', async () => {
    await onNode(
      [
        'docker run -d --name snap debian:bookworm sleep infinity',
        'docker exec snap sh -c \'printf "exported\\n" > /snapshot.txt\'',
        'docker commit snap test/debian:v1.0',
      ].join('\n'),
    );
    const { passed, task } = await check();
    assert.equal(passed, false);
    assert.deepEqual(outcome(task, TASKS), [true, true, false, false, true]);
    assert.match(task('image-imported').message, /was not made by `docker import`/);
  });

  test('the tar elsewhere and imported under another tag fail', async () => {
    await onNode(
      [
        'docker rmi test/debian:v1.0',
        'docker export -o /tmp/snap.tar snap',
        'docker import /tmp/snap.tar test/debian:v1',
      ].join('\n'),
    );
    const { task } = await check();
    assert.deepEqual(outcome(task, TASKS), [true, true, false, false, false]);
    assert.match(task('tar-exported').message, /There is no file \/root\/snap\.tar/);
    assert.match(task('image-has-file').message, /Image "test\/debian:v1\.0" is not present/);
  });

  test('other content in the file fails in the container, the tar and the image', async () => {
    await onNode(
      [
        "docker exec snap sh -c 'echo imported > /snapshot.txt'",
        'docker export -o /root/snap.tar snap',
        'docker import /root/snap.tar test/debian:v1.0',
      ].join('\n'),
    );
    const { task } = await check();
    assert.deepEqual(outcome(task, TASKS), [false, true, false, true, false]);
    assert.match(task('snap-wrote-file').message, /says "imported", not "exported"/);
    assert.match(task('tar-exported').message, /snapshot\.txt in \/root\/snap\.tar says "imported"/);
    assert.match(task('image-has-file').message, /in image "test\/debian:v1\.0" says "imported"/);
  });

  test('exported with -o and imported from the file, a running snap passes', async () => {
    await onNode(
      [
        "docker exec snap sh -c 'echo exported > /snapshot.txt'",
        'docker export --output=/root/snap.tar snap',
        'docker import /root/snap.tar test/debian:v1.0',
      ].join('\n'),
    );
    const { passed, task } = await check();
    assert.equal(passed, true, JSON.stringify(TASKS.map((id) => task(id))));
  });

  test('a snap made from debian:trixie fails as not bookworm', async () => {
    await onNode(
      "docker rm -f snap\ndocker run --name snap debian:trixie sh -c 'echo exported > /snapshot.txt'",
    );
    const { passed, task } = await check();
    assert.equal(passed, false);
    assert.equal(task('snap-is-bookworm').passed, false);
    assert.match(
      task('snap-is-bookworm').message,
      /\/etc\/debian_version in container "snap" does not contain "12\."/,
    );
  });
});
