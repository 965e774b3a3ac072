import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { assertOnlyFailing, type LessonSandbox, startLessonSandbox } from '../support/lesson-sandbox.ts';

// The canonical exercise images/dockerfile/build-mynginx through the control plane, solved another way than
// the lesson's reference solution, after the near misses a learner makes: a Dockerfile elsewhere or on
// another base, a tag never built, a web3 of plain nginx, a commit instead of a build, a wrong port.
const LESSON = 'images/dockerfile';
const EXERCISE = `${LESSON}/build-mynginx`;
const PAGE = `echo '<h1>Hello, Docker!</h1>' > /usr/share/nginx/html/index.html`;
// A Dockerfile written by a script on the node: its base, then a RUN that writes the page.
const dockerfile = (path: string, base: string, prepare = '') =>
  `cat > ${path} <<'EOF'\nFROM ${base}\nRUN ${prepare}${PAGE}\nEOF`;
// What the Dockerfile and image tasks say while /root/mynginx/Dockerfile and nginx:v3 are missing.
const NO_DOCKERFILE_NO_V3 = {
  'dockerfile-from': /no file \/root\/mynginx\/Dockerfile/,
  'dockerfile-run': /no file \/root\/mynginx\/Dockerfile/,
  'v3-on-nginx': /"nginx:v3" is not present/,
  'v3-has-page': /nginx:v3/,
  'v3-built': /no image nginx:v3/,
};
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
  const check = () => sandbox.check(EXERCISE);

  before(async () => {
    sandbox = await startLessonSandbox(LESSON, 'build-mynginx');
  });
  after(async () => sandbox.stop());

  test('a fresh sandbox fails every task', async () => {
    assertOnlyFailing(await check(), {
      ...NO_DOCKERFILE_NO_V3,
      'web3-running': /No container named "web3"/,
      'web3-port': /No container named "web3"/,
      'page-on-8080': /localhost:8080/,
    });
  });

  test('a Dockerfile in /root, built as nginx:v2, and a web3 of plain nginx fail', async () => {
    await onNode(`cd /root
${dockerfile('Dockerfile', 'nginx')}
docker build -q -t nginx:v2 .
docker run -d --name web3 -p 8080:80 nginx
${waitFor(8080)}`);
    assertOnlyFailing(await check(), {
      ...NO_DOCKERFILE_NO_V3,
      'web3-running': /created from "nginx", not from "nginx:v3"/,
      'page-on-8080': /does not contain "Hello, Docker!"/,
    });
    // The same finding on a Chinese page, with the lesson's Chinese hint after it.
    const zh = (await sandbox.check(EXERCISE, { lang: 'zh' })).byId.get('web3-running')!;
    assert.match(zh.message, /容器 "web3" 是用 "nginx" 创建的.*docker rm -f web3/s);
  });

  test('an image built on debian instead of nginx fails on its base', async () => {
    await onNode(`docker rm -f web3
mkdir -p /root/mynginx && cd /root/mynginx
${dockerfile('Dockerfile', 'debian:bookworm', 'mkdir -p /usr/share/nginx/html && ')}
docker build -q -t nginx:v3 .`);
    assertOnlyFailing(await check(), {
      'dockerfile-from': /does not contain "FROM nginx"/,
      'v3-on-nginx': /not built on "nginx"/,
      'web3-running': /No container named "web3"/,
      'web3-port': /No container named "web3"/,
      'page-on-8080': /localhost:8080/,
    });
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
    assertOnlyFailing(await check(), { 'v3-built': /nginx -g daemon off;.*not by a RUN step/ });
  });

  test('web3 on another port fails, even when another container answers on 8080', async () => {
    await onNode(`docker rm -f web3
docker build -q -t nginx:v3 /root/mynginx
docker run -d --name web3 -p 8081:80 nginx:v3
docker run -d --name decoy -p 8080:80 nginx:v3
${waitFor(8080)}`);
    assertOnlyFailing(await check(), {
      'web3-port': /does not publish port 80\/tcp on host port 8080.*8081/,
    });
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
    const { passed, byId } = await check();
    assert.equal(passed, true, JSON.stringify([...byId]));
  });
});
