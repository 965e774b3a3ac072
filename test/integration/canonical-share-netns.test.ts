import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertOnlyFailing, type LessonSandbox, startLessonSandbox } from '../support/lesson-sandbox.ts';

// The canonical exercise internals/namespaces/share-netns through the control plane, solved here in a way
// other than the lesson's: one sandbox; the near misses a learner makes (a sidecar with a network namespace of
// its own, or in another container's, both containers on the node's namespace, other names, a stopped app)
// each fail the task they should; the live answer (the inode of app's network namespace) is read by the
// agent, so a number from another namespace fails; `docker create` + `start`, the id in `--net=container:`
// and an answer read from inside the sidecar pass.
const EXERCISE = 'internals/namespaces/share-netns';
const SLEEP = 'busybox sleep 3600';
const CLEAN = 'docker rm -f app sidecar other application >/dev/null 2>&1 || true';
const inodeOf = (name: string) => `stat -L -c %i /proc/$(docker inspect -f '{{.State.Pid}}' ${name})/ns/net`;
const UNREADABLE = /could not be read from the sandbox/;

describe('canonical exercise internals/namespaces/share-netns', () => {
  let sb: LessonSandbox;
  const onNode = async (script: string) => {
    const r = await sb.onNode(`set -e\n${script}`);
    assert.equal(r.exitCode, 0, `${script}\n→ ${r.output}`);
    return r.output.trim();
  };
  const check = (inode: string) => sb.check(EXERCISE, { answers: { 'netns-inode': inode } });
  // Only `failing` fail, each with its message matching; the inode answered is app's own unless given.
  const expectFailing = async (failing: Record<string, RegExp>, inode?: string) =>
    assertOnlyFailing(await check(inode ?? (await onNode(inodeOf('app')))), failing);

  before(async () => {
    sb = await startLessonSandbox('internals/namespaces', 'share-netns');
  });
  after(async () => {
    await sb?.stop();
  });

  test('a fresh sandbox fails every task', async () => {
    const { passed, byId } = await check('4026531840');
    assert.equal(passed, false);
    assert.ok([...byId.values()].every((t) => !t.passed));
    assert.match(byId.get('app-running')!.message, /No container named "app" exists/);
    assert.match(byId.get('shares-netns')!.message, /No container named "app" exists/);
  });

  test('a sidecar with a network namespace of its own, or in another container, fails on the namespace', async () => {
    await onNode(`docker run -d --name app ${SLEEP}\ndocker run -d --name sidecar ${SLEEP}`);
    await expectFailing({
      'shares-netns':
        /"sidecar" is in net:\[\d+\] and "app" in net:\[\d+\]: "sidecar" has a network namespace of its own/,
    });
    // The page's language: the same finding in Chinese.
    const zh = await sb.check(EXERCISE, {
      lang: 'zh',
      answers: { 'netns-inode': await onNode(inodeOf('app')) },
    });
    assert.match(zh.byId.get('shares-netns')!.message, /"sidecar" 有自己的网络命名空间/);
    await onNode(
      `docker rm -f sidecar\ndocker run -d --name other ${SLEEP}\n` +
        `docker run -d --name sidecar --network container:other ${SLEEP}`,
    );
    await expectFailing({ 'shares-netns': /"sidecar" has a network namespace of its own/ });
  });

  test("both on the node's own namespace is no sidecar of app", async () => {
    await onNode(
      `${CLEAN}\ndocker run -d --name app --network host ${SLEEP}\n` +
        `docker run -d --name sidecar --network host ${SLEEP}`,
    );
    await expectFailing({ 'shares-netns': /"sidecar" uses the node's own network namespace net:\[\d+\]/ });
  });

  test('other names, or a stopped app, fail on the container', async () => {
    await onNode(
      `${CLEAN}\ndocker run -d --name application ${SLEEP}\n` +
        `docker run -d --name sidecar --network container:application ${SLEEP}`,
    );
    await expectFailing(
      {
        'app-running': /No container named "app" exists/,
        'shares-netns': /No container named "app" exists/,
        'netns-inode': UNREADABLE,
      },
      await onNode(inodeOf('application')),
    );
    await onNode(
      `${CLEAN}\ndocker run -d --name app ${SLEEP}\ndocker run -d --name sidecar --network container:app ${SLEEP}`,
    );
    const inode = await onNode(inodeOf('app'));
    await onNode('docker stop -t 0 app');
    await expectFailing(
      {
        'app-running': /exists but is exited, not running/,
        'shares-netns': /Container "app" exists but is exited, not running/,
        'netns-inode': UNREADABLE,
      },
      inode,
    );
  });

  test('a solution written differently passes, and a number from another namespace does not', async () => {
    await onNode(
      `${CLEAN}\ndocker create --name app busybox:latest sh -c 'while sleep 1; do :; done'\ndocker start app\n` +
        `docker run -d --name sidecar --net=container:$(docker inspect -f '{{.Id}}' app) busybox sleep 1d`,
    );
    const fromInside = await onNode('docker exec sidecar stat -L -c %i /proc/self/ns/net');
    const right = await check(` ${fromInside} `);
    assert.equal(right.passed, true, JSON.stringify([...right.byId]));
    const nodeOwn = await onNode('stat -L -c %i /proc/self/ns/net');
    assert.notEqual(nodeOwn, fromInside);
    await expectFailing({ 'netns-inode': /not the right answer/ }, nodeOwn);
  });
});
