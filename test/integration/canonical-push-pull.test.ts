import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LessonSandbox, startLessonSandbox } from '../support/lesson-sandbox.ts';

// The canonical exercise registries/private-registry/push-pull through the control plane: a container
// `registry` of registry:2 publishing 5000 on the node holds localhost:5000/busybox:latest. Near misses
// (another name, another host port, another image, a tag never pushed) fail on the right task; a solution
// written differently from the lesson's (a named volume, registry:latest, `docker image push`) passes.
const LESSON = 'registries/private-registry';
const EXERCISE = `${LESSON}/push-pull`;
const READY = 'until curl -s localhost:$1/v2/ >/dev/null; do sleep 0.2; done';

describe('canonical exercise registries/private-registry/push-pull', () => {
  let box: LessonSandbox;
  const onNode = async (script: string) => {
    const r = await box.onNode(`set -e\n${script}`);
    assert.equal(r.exitCode, 0, r.output);
  };
  const check = async () => {
    const { passed, byId } = await box.check(EXERCISE);
    assert.deepEqual([...byId.keys()], ['registry-running', 'registry-published', 'busybox-pushed']);
    return { passed, task: (id: string) => byId.get(id)! };
  };

  before(async () => {
    box = await startLessonSandbox(LESSON, 'push-pull');
  });
  after(async () => box?.stop());

  test('a fresh sandbox fails every task', async () => {
    const { passed, task } = await check();
    assert.equal(passed, false);
    assert.match(task('registry-running').message, /^No container named "registry" exists/);
    assert.match(task('registry-published').message, /^No container named "registry" exists/);
    assert.match(task('busybox-pushed').message, /^No registry answered at http:\/\/localhost:5000/);
  });

  test('a registry under another name holds busybox, but it is not the container asked for', async () => {
    await onNode(
      `docker run -d --name myreg -p 5000:5000 registry:2 && set -- 5000 && ${READY}
       docker tag busybox localhost:5000/busybox && docker push -q localhost:5000/busybox`,
    );
    const { passed, task } = await check();
    assert.equal(passed, false);
    assert.match(task('registry-running').message, /^No container named "registry" exists/);
    assert.equal(task('busybox-pushed').passed, true, task('busybox-pushed').message);
  });

  test('registry on host port 5001: the port check says what it publishes, nothing holds busybox on 5000', async () => {
    await onNode(
      `docker rm -f myreg && docker run -d --name registry -p 5001:5000 registry:2 && set -- 5001 && ${READY}
       docker tag busybox localhost:5001/busybox && docker push -q localhost:5001/busybox`,
    );
    const { passed, task } = await check();
    assert.equal(passed, false);
    assert.equal(task('registry-running').passed, true, task('registry-running').message);
    assert.match(
      task('registry-published').message,
      /^Container "registry" does not publish port 5000\/tcp on host port 5000 \(it publishes: .*5001->5000\/tcp/,
    );
    assert.match(task('busybox-pushed').message, /^No registry answered at http:\/\/localhost:5000/);
    // The same findings in Chinese, with the lesson's zh hint after them.
    const zh = (await box.check(EXERCISE, { lang: 'zh' })).byId;
    assert.match(
      zh.get('registry-published')!.message,
      /^容器 "registry" 没有把端口 5000\/tcp 发布到主机端口 5000.*容器发布的端口/,
    );
  });

  test('a container named registry from another image fails on its image', async () => {
    await onNode('docker rm -f registry && docker run -d --name registry -p 5000:80 nginx');
    const { passed, task } = await check();
    assert.equal(passed, false);
    assert.match(task('registry-running').message, /was created from "nginx", not from "registry:2"/);
    assert.match(
      task('busybox-pushed').message,
      /^No registry answered at http:\/\/localhost:5000: HTTP 404/,
    );
  });

  test('busybox tagged for the registry but pushed under another tag only fails on the tag', async () => {
    await onNode(
      `docker rm -f registry && docker run -d --name registry -p 5000:5000 registry:2 && set -- 5000 && ${READY}
       docker tag busybox localhost:5000/busybox:latest && docker tag busybox localhost:5000/busybox:v1
       docker push -q localhost:5000/busybox:v1`,
    );
    const { passed, task } = await check();
    assert.equal(passed, false);
    assert.equal(task('registry-running').passed, true);
    assert.equal(task('registry-published').passed, true, task('registry-published').message);
    assert.match(task('busybox-pushed').message, /has no tag "latest" \(it has: v1\)/);
  });

  test('a solution written differently passes: a named volume, registry:latest, docker image push', async () => {
    await onNode(
      `docker rm -f registry && docker volume create regdata >/dev/null
       docker run -d --restart unless-stopped --name registry -p 0.0.0.0:5000:5000 -v regdata:/var/lib/registry registry:latest
       set -- 5000 && ${READY}
       docker image tag busybox:latest localhost:5000/busybox:latest && docker image push -q localhost:5000/busybox:latest
       docker image rm localhost:5000/busybox:latest && docker image pull -q localhost:5000/busybox`,
    );
    const { passed, task } = await check();
    assert.equal(
      passed,
      true,
      JSON.stringify(['registry-running', 'registry-published', 'busybox-pushed'].map(task)),
    );
  });
});
