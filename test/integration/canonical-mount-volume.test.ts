import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';
import { assertOnlyFailing } from '../support/lesson-sandbox.ts';

// The canonical exercise data/volumes/mount-volume through the control plane, solved here in a way other
// than the lesson's: one sandbox; the near misses a learner makes (a bind mount of the volume's own
// directory, the volume at another path, another volume, a stopped container, another image) each fail the
// task they should, with a message that says what is there; `-v` with a trailing slash passes.
const LESSON = 'data/volumes';
const EXERCISE = `${LESSON}/mount-volume`;
const RUN = 'docker run -dit --name vol-demo';
const VOLUME_DIR = '/var/lib/docker/volumes/test-volume/_data';

describe('canonical exercise data/volumes/mount-volume', () => {
  let cp: ControlPlane;
  let cookie: string;
  let sandboxId: string;
  const onNode = async (script: string) => {
    const node = cp.agent.manager.nodeContainer(sandboxId, 'node1');
    const r = await cp.agent.engine.exec(node, ['bash', '-lc', `set -e\n${script}`], { timeoutMs: 60_000 });
    assert.equal(r.exitCode, 0, `${script}\n→ ${r.output}`);
  };
  const check = async (lang = 'en') => {
    const r = await cp.call('POST', `/api/sandboxes/${sandboxId}/checks`, {
      cookie,
      body: { exerciseId: EXERCISE, lang },
    });
    assert.equal(r.status, 200, JSON.stringify(r.json));
    return {
      passed: r.json.passed as boolean,
      byId: new Map<string, { passed: boolean; message: string }>(r.json.tasks.map((t: any) => [t.id, t])),
    };
  };
  // Only `failing` fail, each with its message matching.
  const expectFailing = async (failing: Record<string, RegExp>) => assertOnlyFailing(await check(), failing);
  const retry = (run: string) => onNode(`docker rm -f vol-demo >/dev/null 2>&1 || true\n${run}`);

  before(async () => {
    cp = await startControlPlane();
    cookie = await cp.signIn('mount-volume');
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
    const { passed, byId } = await check();
    assert.equal(passed, false);
    assert.ok([...byId.values()].every((t) => !t.passed));
    assert.match(byId.get('volume-exists')!.message, /No volume named "test-volume" exists/);
    assert.match(byId.get('volume-mounted')!.message, /No container named "vol-demo" exists/);
  });

  test('a bind mount of the volume directory is not a volume, and says so in Chinese too', async () => {
    await onNode(
      `docker volume create test-volume\n${RUN} -v ${VOLUME_DIR}:/usr/share/data debian:bookworm\n` +
        'echo persist > /var/lib/docker/volumes/test-volume/_data/hello.txt',
    );
    await expectFailing({ 'volume-mounted': /has a bind mount, not a volume mount/ });
    const zh = (await check('zh')).byId.get('volume-mounted')!;
    assert.match(zh.message, /容器 "vol-demo" 在 \/usr\/share\/data 上的是 bind 挂载，而不是 volume 挂载/);
  });

  test('the volume at another path, or another volume, fails on the mount', async () => {
    await retry(`${RUN} --mount source=test-volume,target=/data debian:bookworm`);
    await expectFailing({
      'volume-mounted': /nothing mounted at \/usr\/share\/data \(its mounts: volume test-volume → \/data\)/,
    });
    await retry(`${RUN} --mount source=test-vol,target=/usr/share/data debian:bookworm`);
    await expectFailing({ 'volume-mounted': /comes from "test-vol", not from "test-volume"/ });
  });

  test('a stopped vol-demo, or one of another image, fails on the container', async () => {
    await retry(`docker run -d --name vol-demo -v test-volume:/usr/share/data debian:bookworm`);
    await expectFailing({ 'vol-demo-running': /exists but is exited, not running/ });
    await retry(`${RUN} -v test-volume:/usr/share/data debian:trixie`);
    await expectFailing({ 'vol-demo-running': /created from "debian:trixie", not from "debian:bookworm"/ });
  });

  test('-v with a trailing slash and a file written from another container passes', async () => {
    await onNode(`docker run --rm -v test-volume:/v busybox sh -c 'echo nope > /v/hello.txt'`);
    await retry(`${RUN} -v test-volume:/usr/share/data/ debian:12`);
    await expectFailing({
      'hello-in-volume': /\/hello.txt in volume "test-volume" says "nope", not "persist"/,
    });
    await onNode(`docker run --rm -v test-volume:/v busybox sh -c 'printf "persist\\n" > /v/hello.txt'`);
    const { passed, byId } = await check();
    assert.equal(passed, true, JSON.stringify([...byId]));
  });
});
