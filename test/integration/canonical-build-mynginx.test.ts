import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type LessonSandbox, startLessonSandbox } from '../support/lesson-sandbox.ts';

// The canonical exercise images/dockerfile/build-mynginx through the control plane, solved another way than
// the lesson's reference solution, after the near misses a learner makes: a Dockerfile elsewhere or on
// another base, a tag never built, a web3 of plain nginx, a commit instead of a build, a wrong port.
const LESSON = 'images/dockerfile';
const EXERCISE = `${LESSON}/build-mynginx`;
const TASKS = [
  'dockerfile-from',
  'dockerfile-run',
  'v3-on-nginx',
  'v3-has-page',
  'v3-built',
  'web3-running',
  'web3-port',
  'page-on-8080',
];
const PAGE = `echo '<h1>Hello, Docker!</h1>' > /usr/share/nginx/html/index.html`;
// A Dockerfile written by a script on the node: its base, then a RUN that writes the page.
const dockerfile = (path: string, base: string, prepare = '') =>
  `cat > ${path} <<'EOF'\nFROM ${base}\nRUN ${prepare}${PAGE}\nEOF`;
// Waits until a port on the node answers (nginx takes a moment after `docker run -d`).
const waitFor = (port: number) =>
  `for _ in $(seq 1 50); do curl -sf http://localhost:${port}/ >/dev/null && break; sleep 0.1; done`;

describe('the canonical exercise build-mynginx', () => {
  let sandbox: LessonSandbox;
  // A script on the node, as a learner would type it; every command must succeed.
  const onNode = async (script: string) => {
    const r = await sandbox.onNode(`set -e\n${script}`);
    assert.equal(r.exitCode, 0, r.output);
  };
  // The tasks that fail, each with its message.
  const failing = async () => {
    const { passed, byId } = await sandbox.check(EXERCISE);
    assert.deepEqual([...byId.keys()], TASKS);
    assert.equal(
      passed,
      [...byId.values()].every((t) => t.passed),
    );
    return new Map([...byId].filter(([, t]) => !t.passed).map(([id, t]) => [id, t.message]));
  };

  before(async () => {
    sandbox = await startLessonSandbox(LESSON, 'build-mynginx');
  });
  after(async () => sandbox.stop());

  test('a fresh sandbox fails every task', async () => {
    const fails = await failing();
    assert.deepEqual([...fails.keys()], TASKS);
    assert.match(fails.get('dockerfile-from')!, /\/root\/mynginx\/Dockerfile/);
    assert.match(fails.get('web3-running')!, /No container named "web3"/);
  });

  test('a Dockerfile in /root, built as nginx:v2, and a web3 of plain nginx fail', async () => {
    await onNode(`cd /root
${dockerfile('Dockerfile', 'nginx')}
docker build -q -t nginx:v2 .
docker run -d --name web3 -p 8080:80 nginx
${waitFor(8080)}`);
    const fails = await failing();
    assert.deepEqual(
      [...fails.keys()],
      TASKS.filter((t) => t !== 'web3-port'),
    );
    assert.match(fails.get('dockerfile-from')!, /\/root\/mynginx\/Dockerfile/);
    assert.match(fails.get('v3-on-nginx')!, /nginx:v3/);
    assert.match(fails.get('web3-running')!, /created from "nginx", not from "nginx:v3"/);
    assert.match(fails.get('page-on-8080')!, /does not contain "Hello, Docker!"/);
    // The same finding on a Chinese page, with the lesson's Chinese hint after it.
    const zh = (await sandbox.check(EXERCISE, { lang: 'zh' })).byId.get('web3-running')!;
    assert.match(zh.message, /容器 "web3" 是用 "nginx" 创建的.*docker rm -f web3/s);
  });

  test('an image built on debian instead of nginx fails on its base', async () => {
    await onNode(`docker rm -f web3
mkdir -p /root/mynginx && cd /root/mynginx
${dockerfile('Dockerfile', 'debian:bookworm', 'mkdir -p /usr/share/nginx/html && ')}
docker build -q -t nginx:v3 .`);
    const fails = await failing();
    assert.ok(fails.has('dockerfile-from'));
    assert.ok(!fails.has('dockerfile-run'), fails.get('dockerfile-run'));
    assert.match(fails.get('v3-on-nginx')!, /not built on "nginx"/);
    assert.ok(!fails.has('v3-has-page'), fails.get('v3-has-page'));
  });

  test('nginx:v3 committed from a changed container fails: it was not built', async () => {
    await onNode(`cd /root/mynginx
${dockerfile('Dockerfile', 'nginx')}
docker run -d --name changed nginx
docker exec changed sh -c '${PAGE.replaceAll("'", '"')}'
docker commit changed nginx:v3
docker rm -f changed
docker run -d --name web3 -p 8080:80 nginx:v3
${waitFor(8080)}`);
    const fails = await failing();
    assert.deepEqual([...fails.keys()], ['v3-built']);
    assert.match(fails.get('v3-built')!, /nginx -g daemon off;.*not by a RUN step/);
  });

  test('web3 on another port fails, even when another container answers on 8080', async () => {
    await onNode(`docker rm -f web3
docker build -q -t nginx:v3 /root/mynginx
docker run -d --name web3 -p 8081:80 nginx:v3
docker run -d --name decoy -p 8080:80 nginx:v3
${waitFor(8080)}`);
    const fails = await failing();
    assert.deepEqual([...fails.keys()], ['web3-port']);
    assert.match(fails.get('web3-port')!, /8081/);
  });

  test('a solution written differently passes: exec-form RUN, nginx:latest, built from another folder', async () => {
    await onNode(`docker rm -f web3 decoy
cat > /root/mynginx/Dockerfile <<'EOF'
# the home page, baked in
FROM nginx:latest
RUN ["/bin/sh", "-c", "echo '<h1>Hello, Docker!</h1>' > /usr/share/nginx/html/index.html"]
EOF
cd /tmp
docker build --tag nginx:v3 --file /root/mynginx/Dockerfile /root/mynginx
docker run --detach --publish 0.0.0.0:8080:80/tcp --name web3 nginx:v3
${waitFor(8080)}`);
    const fails = await failing();
    assert.deepEqual([...fails.entries()], []);
  });
});
