import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { renderCheckMessage } from '../../contract/check-messages.ts';
import { type Assertion, assertionSchema } from '../../contract/checks.ts';
import { runChecks } from '../../sandbox-agent/src/checks/run-checks.ts';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// The typed assertions the course's lessons use, against a real sandbox's inner engine: each passes on the
// state it describes and fails on near misses (another name, image, path, port; a commit for an import; a
// tag never pushed; a container only stopped for a removed one), not only on an empty sandbox.
let h: AgentHarness;
let node1: string;

async function sh(script: string, timeoutMs = 120_000) {
  const res = await h.engine.exec(node1, ['bash', '-lc', `set -e\n${script}`], { timeoutMs });
  assert.equal(res.exitCode, 0, `${script}\n→ ${res.output.slice(-600)}`);
  return res;
}

async function check(a: Record<string, unknown>) {
  const [r] = await runChecks({
    engine: h.engine,
    containerId: node1,
    tasks: [{ id: 't', assert: assertionSchema.parse(a) as Assertion }],
    timeoutMs: 20_000,
  });
  assert.ok(r?.finding, 'every outcome carries a finding code');
  // The English message is the finding rendered; the Chinese one renders too, with no placeholder left.
  assert.equal(r.message, renderCheckMessage(r.finding, 'en'));
  assert.doesNotMatch(renderCheckMessage(r.finding, 'zh'), /\{\w+\}/);
  return r;
}

async function passes(a: Record<string, unknown>) {
  const r = await check(a);
  assert.equal(r.passed, true, `${JSON.stringify(a)} should pass: ${r.message}`);
}

async function fails(a: Record<string, unknown>, why: RegExp) {
  const r = await check(a);
  assert.equal(r.passed, false, `${JSON.stringify(a)} should fail`);
  assert.match(r.message, why);
}

describe('typed assertions on a real sandbox', () => {
  before(async () => {
    h = await startAgentHarness();
    const id = testSandboxId();
    const view = await h.manager.create({
      id,
      owner: 'checks-test',
      nodes: ['node1'],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    assert.equal(view.state, 'ready');
    node1 = h.manager.nodeContainer(id, 'node1');
  });
  after(async () => {
    await h?.cleanup();
  });

  test('container_exited: exit code, image and output by stream', async () => {
    const hello = {
      type: 'container_exited',
      name: 'hello',
      image: 'busybox',
      exitCode: 0,
      outputIncludes: 'Hello, Berth',
      stream: 'stdout',
    };
    await fails(hello, /No container named "hello"/);
    await sh(
      [
        'docker run --name hello busybox echo Hello, Berth',
        'docker run --name hello-err busybox sh -c "echo Hello, Berth >&2"',
        'docker run --name hello-exit busybox sh -c "echo Hello, Berth; exit 3" || true',
        'docker run --name hello-debian debian:bookworm echo Hello, Berth',
        'docker run --name hello-other busybox echo Goodbye',
        'docker run -t --name hello-tty busybox echo Hello, Berth',
        'docker run -d --name hello-running busybox sleep 300',
      ].join('\n'),
    );
    await passes(hello);
    await passes({ ...hello, image: 'docker.io/library/busybox:latest' });
    await fails({ ...hello, name: 'hello-err' }, /did not print "Hello, Berth" \(to stdout\)/);
    await passes({ ...hello, name: 'hello-err', stream: 'stderr' });
    await passes({ ...hello, name: 'hello-err', stream: 'any' });
    await fails({ ...hello, name: 'hello-exit' }, /exited with code 3, not 0/);
    await passes({ ...hello, name: 'hello-exit', exitCode: 3 });
    await fails({ ...hello, name: 'hello-debian' }, /created from "debian:bookworm", not from "busybox"/);
    await fails({ ...hello, name: 'hello-other' }, /did not print/);
    await passes({ ...hello, name: 'hello-tty', stream: 'any' });
    await fails({ ...hello, name: 'hello-running' }, /is running; it should have run and exited/);
    const running = { type: 'container_running', name: 'hello-running', image: 'busybox:latest' };
    await passes(running);
    await fails({ ...running, image: 'nginx' }, /created from "busybox", not from "nginx"/);
    await fails({ ...running, name: 'hello' }, /exists but is exited, not running/);
    await fails({ ...hello, name: 'hell' }, /No container named "hell"/);
  });

  test('image_based_on, image_layers and file_content on the node and in an image', async () => {
    const built = { type: 'image_based_on', name: 'nginx:v3', base: 'nginx' };
    await fails(built, /Image "nginx:v3" is not present/);
    await sh(
      [
        'mkdir -p /root/mynginx && cd /root/mynginx',
        `printf '%s\\n' 'FROM nginx' "RUN echo '<h1>Hello, Docker!</h1>' > /usr/share/nginx/html/index.html" > Dockerfile`,
        'docker build -q -t nginx:v3 .',
        'docker tag nginx nginx:renamed',
        `printf 'FROM busybox\\nRUN echo hi > /hi\\n' | docker build -q -t other:v1 -`,
      ].join('\n'),
      300_000,
    );
    await passes(built);
    await fails({ ...built, base: 'busybox' }, /not built on "busybox"/);
    await fails({ ...built, name: 'other:v1', base: 'nginx' }, /not built on "nginx"/);
    await fails({ ...built, name: 'nginx:renamed' }, /is "nginx" itself under another name/);
    await fails({ ...built, name: 'nginx:v4' }, /Image "nginx:v4" is not present/);

    // One RUN adds one layer to however many the course's busybox has.
    const base = Number(
      (await sh("docker image inspect busybox --format '{{len .RootFS.Layers}}'")).output.trim(),
    );
    assert.ok(base >= 1, `busybox has ${base} layer(s)`);
    await passes({ type: 'image_layers', name: 'other:v1', count: base + 1 });
    await fails(
      { type: 'image_layers', name: 'other:v1', count: base },
      new RegExp(`has ${base + 1} layer\\(s\\); expected ${base}`),
    );
    await passes({ type: 'image_layers', name: 'nginx:v3', min: 2 });
    await fails(
      { type: 'image_layers', name: 'busybox', min: base + 1 },
      new RegExp(`expected ≥ ${base + 1}`),
    );

    const dockerfile = { type: 'file_content', path: '/root/mynginx/Dockerfile', includes: 'FROM nginx' };
    await passes(dockerfile);
    await fails(
      { ...dockerfile, path: '/root/nginx/Dockerfile' },
      /There is no file \/root\/nginx\/Dockerfile on the node/,
    );
    await fails({ ...dockerfile, includes: 'FROM busybox' }, /does not contain "FROM busybox"/);
    const page = {
      type: 'file_content',
      image: 'nginx:v3',
      path: '/usr/share/nginx/html/index.html',
      equals: '<h1>Hello, Docker!</h1>',
    };
    await passes(page);
    await fails({ ...page, image: 'nginx' }, /in image "nginx" says "/);
    await passes({ type: 'file_content', image: 'other:v1', path: '/hi', equals: 'hi' });
    await fails({ type: 'file_content', image: 'other:v1', path: '/ho', equals: 'hi' }, /no file \/ho/);
  });

  test('image_imported and file_content in a container, an image and a volume', async () => {
    const imported = { type: 'image_imported', name: 'test/debian:v1.0' };
    await fails(imported, /Image "test\/debian:v1.0" is not present/);
    await sh(
      [
        `docker run --name snap debian:bookworm sh -c 'echo exported > /snapshot.txt'`,
        'docker export snap -o /root/snap.tar',
        'cat /root/snap.tar | docker import - test/debian:v1.0',
        'docker commit snap test/debian:committed',
        'docker save busybox | docker load -q && docker tag busybox test/busybox:loaded',
        'docker volume create test-volume',
        'docker volume create other-volume',
        `docker run --rm -v test-volume:/data busybox sh -c 'echo persist > /data/hello.txt'`,
      ].join('\n'),
      300_000,
    );
    await passes(imported);
    await fails(
      { ...imported, name: 'test/debian:committed' },
      /not made by `docker import` \(it has 2 layer/,
    );
    await fails({ ...imported, name: 'test/busybox:loaded' }, /not made by `docker import`/);
    // (The course's debian:bookworm is itself imported from an mmdebstrap archive, so it is no near miss.)

    const inImage = {
      type: 'file_content',
      image: 'test/debian:v1.0',
      path: '/snapshot.txt',
      equals: 'exported',
    };
    await passes(inImage);
    await fails(
      { ...inImage, image: 'debian:bookworm' },
      /no file \/snapshot.txt in image "debian:bookworm"/,
    );
    const inContainer = {
      type: 'file_content',
      container: 'snap',
      path: '/snapshot.txt',
      equals: 'exported',
    };
    await passes(inContainer);
    await fails({ ...inContainer, equals: 'imported' }, /says "exported", not "imported"/);
    await fails({ ...inContainer, path: '/snap.txt' }, /no file \/snap.txt in container "snap"/);
    await fails({ ...inContainer, container: 'snap2' }, /No container named "snap2"/);
    await fails({ ...inContainer, path: '/etc' }, /no file \/etc in container "snap"/);

    const inVolume = { type: 'file_content', volume: 'test-volume', path: '/hello.txt', equals: 'persist' };
    await passes(inVolume);
    await fails({ ...inVolume, volume: 'other-volume' }, /no file \/hello.txt in volume "other-volume"/);
    await fails({ ...inVolume, volume: 'no-volume' }, /No volume named "no-volume"/);
    await fails({ ...inVolume, equals: 'persisted' }, /says "persist", not "persisted"/);
  });

  test('file_absent: a file left out of an image by .dockerignore, deleted by a layer, or in a container', async () => {
    const draft = { type: 'file_absent', image: 'web:ctx', path: '/usr/share/nginx/html/draft.html' };
    await fails(draft, /Image "web:ctx" is not present/);
    await sh(
      [
        'mkdir -p /root/web/site && cd /root/web',
        "echo '<h1>Published page</h1>' > site/index.html",
        "echo '<h1>Draft</h1>' > site/draft.html",
        `printf 'FROM nginx\nCOPY site/ /usr/share/nginx/html/\n' > Dockerfile`,
        'docker build -q -t web:with-draft .',
        "echo 'site/draft.html' > .dockerignore",
        'docker build -q -t web:ctx .',
        // The draft copied, then deleted by a later layer (a whiteout), and its whole folder deleted.
        `printf 'FROM web:with-draft\nRUN rm /usr/share/nginx/html/draft.html\n' | docker build -q -t web:rm -`,
        `printf 'FROM web:with-draft\nRUN rm -r /usr/share/nginx/html\n' | docker build -q -t web:rmdir -`,
        'docker create --name web-draft web:with-draft',
        'docker volume create draft-volume',
        `docker run --rm -v draft-volume:/data busybox sh -c 'mkdir /data/site && echo x > /data/site/draft.html'`,
      ].join('\n'),
      300_000,
    );
    await passes(draft);
    await fails(
      { ...draft, image: 'web:with-draft' },
      /\/usr\/share\/nginx\/html\/draft.html in image "web:with-draft" still exists/,
    );
    await passes({ ...draft, image: 'web:rm' });
    await passes({ ...draft, image: 'web:rmdir' });
    await fails(
      { ...draft, path: '/usr/share/nginx/html/index.html' },
      /index.html in image "web:ctx" still/,
    );
    await fails({ ...draft, path: '/usr/share/nginx/html' }, /html in image "web:ctx" still exists/);
    await fails({ ...draft, image: 'web:ctx2' }, /Image "web:ctx2" is not present/);

    const inContainer = {
      type: 'file_absent',
      container: 'web-draft',
      path: '/usr/share/nginx/html/draft.html',
    };
    await fails(inContainer, /in container "web-draft" still exists/);
    await passes({ ...inContainer, path: '/usr/share/nginx/html/draft2.html' });
    await fails({ ...inContainer, path: '/usr' }, /\/usr in container "web-draft" still exists/);
    await fails({ ...inContainer, container: 'web-gone' }, /No container named "web-gone"/);

    const inVolume = { type: 'file_absent', volume: 'draft-volume', path: '/site/draft.html' };
    await fails(inVolume, /in volume "draft-volume" still exists/);
    await passes({ ...inVolume, path: '/draft.html' });
    await fails({ ...inVolume, volume: 'no-volume' }, /No volume named "no-volume"/);
    await fails({ type: 'file_absent', path: '/root/web/site/draft.html' }, /on the node still exists/);
    await passes({ type: 'file_absent', path: '/root/web/site/draft.txt' });
  });

  test('container_healthy: healthy against no health check, starting, unhealthy and stopped', async () => {
    const healthy = { type: 'container_healthy', name: 'web-health' };
    await fails(healthy, /No container named "web-health"/);
    const check =
      '--health-cmd "curl -fs http://localhost/ || exit 1" --health-interval 1s --health-retries 2';
    await sh(
      [
        `docker run -d --name web-health ${check} nginx`,
        'docker run -d --name web-plain nginx',
        'docker run -d --name web-slow --health-cmd true --health-interval 1h --health-start-period 1h nginx',
        `docker run -d --name web-sick --health-cmd "curl -fs http://localhost/missing || exit 7" --health-interval 1s --health-retries 1 nginx`,
        `docker run -d --name web-stopped ${check} nginx`,
        'docker stop -t 1 web-stopped',
        // Each of the other two has had a few checks by now.
        'for i in $(seq 30); do [ "$(docker inspect -f "{{.State.Health.Status}}" web-health)" = healthy ] && [ "$(docker inspect -f "{{.State.Health.Status}}" web-sick)" = unhealthy ] && exit 0; sleep 1; done; exit 1',
      ].join('\n'),
      120_000,
    );
    await passes(healthy);
    await fails({ ...healthy, name: 'web-plain' }, /"web-plain" has no health check/);
    await fails({ ...healthy, name: 'web-slow' }, /"web-slow" is still starting/);
    await fails(
      { ...healthy, name: 'web-sick' },
      /"web-sick" is unhealthy: its health check failed \d+ time\(s\) in a row \(last exit code 7/,
    );
    await fails({ ...healthy, name: 'web-stopped' }, /"web-stopped" exists but is exited, not running/);
  });

  test('registry_has: repositories and tags over the registry HTTP API', async () => {
    const pushed = { type: 'registry_has', repository: 'busybox', tag: 'latest' };
    await fails(pushed, /No registry answered at http:\/\/localhost:5000/);
    await sh(
      [
        'docker run -d --name registry -p 5000:5000 registry:2',
        'for i in $(seq 50); do curl -fsS http://localhost:5000/v2/ >/dev/null 2>&1 && break; sleep 0.2; done',
        'docker tag busybox localhost:5000/busybox:latest',
        'docker push -q localhost:5000/busybox:latest',
        'docker tag busybox localhost:5000/busybox:v2',
      ].join('\n'),
    );
    await passes(pushed);
    await passes({ ...pushed, url: 'http://127.0.0.1:5000/' });
    await fails({ ...pushed, tag: 'v2' }, /has no tag "v2" \(it has: latest\)/);
    await fails({ ...pushed, repository: 'nginx' }, /has no repository "nginx" \(it has: busybox\)/);
    await fails(
      { ...pushed, url: 'http://localhost:5001' },
      /No registry answered at http:\/\/localhost:5001/,
    );
  });

  test('container_mount: volume against bind against tmpfs, target, source and read-only', async () => {
    await sh(
      [
        'docker volume create test-volume',
        'mkdir -p /root/site',
        'docker run -d --name mnt-vol --mount source=test-volume,target=/usr/share/data busybox sleep 300',
        'docker run -d --name mnt-vol-ro -v test-volume:/usr/share/data:ro busybox sleep 300',
        'docker run -d --name mnt-bind --mount type=bind,source=/root/site,target=/usr/share/data,readonly busybox sleep 300',
        'docker run -d --name mnt-tmp --tmpfs /usr/share/data:ro,size=16m busybox sleep 300',
        'docker run -d --name mnt-tmp-mount --mount type=tmpfs,target=/usr/share/data/ busybox sleep 300',
        'docker run -d --name mnt-other -v another:/usr/share/data busybox sleep 300',
        'docker create --name mnt-bare busybox',
      ].join('\n'),
    );
    const volume = {
      type: 'container_mount',
      container: 'mnt-vol',
      mount: 'volume',
      target: '/usr/share/data',
      source: 'test-volume',
    };
    await passes(volume);
    await passes({ ...volume, target: '/usr/share/data/', readOnly: false });
    await fails({ ...volume, readOnly: true }, /at \/usr\/share\/data in container "mnt-vol" is writable/);
    await fails({ ...volume, mount: 'bind' }, /has a volume mount, not a bind mount/);
    await fails({ ...volume, container: 'mnt-other' }, /comes from "another", not from "test-volume"/);
    await fails(
      { ...volume, container: 'mnt-vol-ro', readOnly: false },
      /is read-only; it should be writable/,
    );
    await passes({ ...volume, container: 'mnt-vol-ro', readOnly: true });
    await fails({ ...volume, container: 'mnt-bind' }, /has a bind mount, not a volume mount/);
    await fails(
      { ...volume, target: '/data' },
      /nothing mounted at \/data \(its mounts: volume test-volume → /,
    );
    await fails(
      { ...volume, container: 'mnt-bare' },
      /has nothing mounted at \/usr\/share\/data \(it has no/,
    );
    await fails({ ...volume, container: 'vol-demo' }, /No container named "vol-demo"/);

    const bind = { ...volume, container: 'mnt-bind', mount: 'bind', source: '/root/site/', readOnly: true };
    await passes(bind);
    await fails({ ...bind, readOnly: false }, /is read-only; it should be writable/);
    await fails({ ...bind, source: '/root/www' }, /comes from "\/root\/site", not from "\/root\/www"/);

    // `--tmpfs` shows only in HostConfig.Tmpfs, `--mount type=tmpfs` in Mounts: both are tmpfs.
    const tmpfs = {
      type: 'container_mount',
      container: 'mnt-tmp',
      mount: 'tmpfs',
      target: '/usr/share/data',
    };
    await passes({ ...tmpfs, readOnly: true });
    await passes({ ...tmpfs, container: 'mnt-tmp-mount', readOnly: false });
    await fails({ ...tmpfs, readOnly: false }, /is read-only; it should be writable/);
    await fails({ ...tmpfs, container: 'mnt-bind' }, /has a bind mount, not a tmpfs mount/);
    await fails({ ...volume, container: 'mnt-tmp' }, /has a tmpfs mount, not a volume mount/);
    assert.equal(assertionSchema.safeParse({ ...tmpfs, source: 'x' }).success, false);
  });

  test('container_removed: only a container that existed and is gone passes', async () => {
    const gone = { type: 'container_removed', name: 'gone' };
    await fails(gone, /No container named "gone" was removed/);
    await sh('docker run --name gone busybox true\ndocker run -d --name busy-gone busybox sleep 300');
    await fails(gone, /Container "gone" still exists \(exited\)/);
    await fails({ ...gone, name: 'busy-gone' }, /Container "busy-gone" still exists \(running\)/);
    // A removed container whose name starts like another's is not the other one.
    await sh('docker run --name gone-two busybox true\ndocker rm gone-two');
    await fails(gone, /still exists/);
    await passes({ ...gone, name: 'gone-two' });
    await sh('docker rm gone\ndocker rm -f busy-gone');
    await passes(gone);
    await passes({ ...gone, name: 'busy-gone' });
    // A new container under the removed name is there again; prune removes it again.
    await sh('docker create --name gone busybox true');
    await fails(gone, /still exists \(created\)/);
    await sh('docker container prune -f');
    await passes(gone);
  });

  test('container_running with publish: the port on the node, as `docker run -p` wrote it', async () => {
    // The registry of the registry_has test publishes 5000:5000; this one only exposes it.
    await sh('docker run -d --name unpublished registry:2');
    const published = {
      type: 'container_running',
      name: 'registry',
      image: 'registry:2',
      publish: '5000:5000',
    };
    await passes(published);
    await passes({ ...published, publish: '5000:5000/tcp' });
    await fails(
      { ...published, publish: '5001:5000' },
      /"registry" does not publish port 5000\/tcp on host port 5001 \(it publishes: .*5000->5000\/tcp/,
    );
    await fails(
      { ...published, publish: '5000:5000/udp' },
      /does not publish port 5000\/udp on host port 5000/,
    );
    await fails(
      { ...published, name: 'unpublished' },
      /"unpublished" does not publish port 5000\/tcp on host port 5000 \(it publishes: —\)/,
    );
    assert.equal(assertionSchema.safeParse({ ...published, publish: '5000' }).success, false);
  });

  test('container_running with publish and a host address: -p 127.0.0.1:5003:5000 is not -p 5003:5000', async () => {
    await sh('docker run -d --name loopback -p 127.0.0.1:5003:5000 -p 5004:53/udp busybox sleep 300');
    const loopback = { type: 'container_running', name: 'loopback', publish: '127.0.0.1:5003:5000' };
    await passes(loopback);
    await passes({ ...loopback, publish: '5003:5000' });
    await passes({ ...loopback, publish: '5004:53/udp' });
    await fails(
      { ...loopback, publish: '0.0.0.0:5003:5000' },
      /does not publish port 5000\/tcp on host port 0\.0\.0\.0:5003 \(it publishes: .*127\.0\.0\.1:5003->5000\/tcp/,
    );
    await fails({ ...loopback, publish: '5004:53' }, /does not publish port 53\/tcp on host port 5004/);
    await passes({ type: 'container_running', name: 'registry', publish: '0.0.0.0:5000:5000' });
    assert.equal(assertionSchema.safeParse({ ...loopback, publish: 'localhost:5003:5000' }).success, false);
  });

  test('network_exists with subnet: a subnet chosen with --subnet, not one Docker took from its pools', async () => {
    await sh('docker network create --subnet 10.123.0.0/24 pool-net && docker network create auto-net');
    const pool = { type: 'network_exists', name: 'pool-net', driver: 'bridge', subnet: '10.123.0.0/24' };
    await passes(pool);
    await fails(
      { ...pool, subnet: '10.123.1.0/24' },
      /^Network "pool-net" has the subnet 10\.123\.0\.0\/24, not 10\.123\.1\.0\/24/,
    );
    await fails(
      { ...pool, name: 'auto-net' },
      /^Network "auto-net" has the subnet 172\.\d+\.0\.0\/16, not 10\.123\.0\.0\/24/,
    );
    await fails({ ...pool, name: 'host' }, /^Network "host" uses the "host" driver/);
    await fails(
      { type: 'network_exists', name: 'none', subnet: '10.0.0.0/8' },
      /^Network "none" has the subnet —/,
    );
    assert.equal(assertionSchema.safeParse({ ...pool, subnet: '10.123.0.0' }).success, false);
  });

  test('registry_has with basic auth: asks without an account, then with the right and a wrong one', async () => {
    await sh(
      [
        'mkdir -p /root/auth',
        'docker run --rm --entrypoint htpasswd httpd:2.4 -Bbn student s3cret > /root/auth/htpasswd',
        'docker run -d --name locked -p 5002:5000 -v /root/auth:/auth -e REGISTRY_AUTH=htpasswd \\',
        '  -e REGISTRY_AUTH_HTPASSWD_REALM=Berth -e REGISTRY_AUTH_HTPASSWD_PATH=/auth/htpasswd registry:2',
        'for i in $(seq 50); do curl -sS -o /dev/null http://localhost:5002/v2/ 2>/dev/null && break; sleep 0.2; done',
        'echo s3cret | docker login -u student --password-stdin localhost:5002',
        'docker tag busybox localhost:5002/busybox:latest',
        'docker push -q localhost:5002/busybox:latest',
        'docker logout localhost:5002',
      ].join('\n'),
    );
    const locked = { type: 'registry_has', url: 'http://localhost:5002', repository: 'busybox' };
    await fails(locked, /http:\/\/localhost:5002 asks for a user name and password \(HTTP 401\)/);
    const signedIn = { ...locked, username: 'student', password: 's3cret' };
    await passes(signedIn);
    await fails({ ...signedIn, password: 'secret' }, /refused user "student" with the given password/);
    await fails({ ...signedIn, tag: 'v2' }, /has no tag "v2" \(it has: latest\)/);
    assert.equal(assertionSchema.safeParse({ ...locked, username: 'student' }).success, false);
  });

  // --- checks11: logs of a running container, OOM kills, namespaces, cgroup limits, script messages ---

  test('container_running with logsInclude: what a running container printed', async () => {
    const ticker = { type: 'container_running', name: 'ticker', logsInclude: 'hello world' };
    await sh(
      [
        `docker run -d --name ticker busybox sh -c 'while true; do echo hello world; sleep 1; done'`,
        `docker run -d --name ticker-other busybox sh -c 'while true; do echo hello there; sleep 1; done'`,
        `docker run --name ticker-done busybox echo hello world`,
        'sleep 1.5',
      ].join('\n'),
    );
    await passes(ticker);
    await fails(
      { ...ticker, name: 'ticker-other' },
      /"ticker-other" is running, but its logs do not contain "hello world"/,
    );
    await fails({ ...ticker, name: 'ticker-done' }, /"ticker-done" exists but is exited, not running/);
    const zh = await check({ ...ticker, name: 'ticker-other' });
    assert.match(renderCheckMessage(zh.finding!, 'zh'), /日志中没有 "hello world"/);
  });

  test('container_exited with oomKilled: the kernel, not `docker kill`, ended it', async () => {
    await sh(
      [
        `docker run --name hog --memory 32m --memory-swap 32m busybox sh -c 'head -c 100m /dev/zero | tail' || true`,
        'docker run -d --name hog-killed busybox sleep 300',
        'docker kill hog-killed',
        'docker run --name hog-fits --memory 32m busybox sh -c "head -c 1m /dev/zero | tail >/dev/null"',
      ].join('\n'),
    );
    const oom = { type: 'container_exited', name: 'hog', exitCode: 137, oomKilled: true };
    await passes(oom);
    await fails(
      { ...oom, name: 'hog-killed' },
      /"hog-killed" is exited \(exit code 137\), but the kernel did not kill it for memory/,
    );
    await fails({ ...oom, name: 'hog-fits' }, /OOMKilled is false/);
    await passes({ type: 'container_exited', name: 'hog-fits', oomKilled: false });
    await fails(
      { type: 'container_exited', name: 'hog', exitCode: 137, oomKilled: false },
      /killed container "hog" for using more memory/,
    );
  });

  test('container_namespace: the same /proc/<pid>/ns inode as another container, or as the node', async () => {
    await sh(
      [
        'docker run -d --name ns-app busybox sleep 300',
        'docker run -d --name ns-side --network container:ns-app --pid container:ns-app busybox sleep 300',
        'docker run -d --name ns-own busybox sleep 300',
        'docker run -d --name ns-host --network host --pid host busybox sleep 300',
        'docker run -d --name ns-host2 --network host busybox sleep 300',
        'docker create --name ns-created busybox sleep 300',
      ].join('\n'),
    );
    const shares = { type: 'container_namespace', container: 'ns-side', kind: 'net', sharedWith: 'ns-app' };
    await passes(shares);
    await passes({ ...shares, kind: 'pid' });
    await fails(
      { ...shares, kind: 'uts' },
      /"ns-side" is in uts:\[\d+\] and "ns-app" in uts:\[\d+\]: "ns-side" has a UTS namespace \(host name\) of its own/,
    );
    await fails(
      { ...shares, container: 'ns-own' },
      /"ns-own" is in net:\[\d+\] and "ns-app" in net:\[\d+\]: "ns-own" has a network namespace of its own/,
    );
    await fails(
      { ...shares, container: 'ns-host', sharedWith: 'ns-host2' },
      /"ns-host" uses the node's own network namespace net:\[\d+\]/,
    );
    await fails({ ...shares, sharedWith: 'ns-host' }, /"ns-host" uses the node's own network namespace/);
    await fails({ ...shares, sharedWith: 'ns-created' }, /"ns-created" exists but is created, not running/);
    await fails({ ...shares, sharedWith: 'ns-none' }, /No container named "ns-none"/);
    const node = { type: 'container_namespace', container: 'ns-host', kind: 'pid', sharedWith: 'node' };
    await passes(node);
    await fails(
      { ...node, container: 'ns-host2' },
      /"ns-host2" is in pid:\[\d+\], not in the node's own PID namespace \(pid:\[\d+\]\)/,
    );
    const zh = await check({ ...shares, container: 'ns-own' });
    assert.match(renderCheckMessage(zh.finding!, 'zh'), /"ns-own" 有自己的网络命名空间/);
  });

  test("container_limits: memory and pids limits as the container's cgroup files say", async () => {
    await sh(
      [
        'docker run -d --name lim --memory 64m --pids-limit 20 busybox sleep 300',
        'docker run -d --name lim-32 --memory 32m --pids-limit 20 busybox sleep 300',
        'docker run -d --name lim-none busybox sleep 300',
        'docker run --name lim-done --memory 64m --pids-limit 20 busybox true',
      ].join('\n'),
    );
    const limits = { type: 'container_limits', container: 'lim', memory: '64m', pids: 20 };
    await passes(limits);
    await passes({ ...limits, memory: 67108864, pids: undefined });
    await fails(
      { ...limits, container: 'lim-32' },
      /"lim-32" may use 33554432 bytes of memory \(\/sys\/fs\/cgroup\/\S+\), not 67108864/,
    );
    await fails({ ...limits, container: 'lim-none' }, /"lim-none" may use any number of bytes of memory/);
    await fails(
      { ...limits, container: 'lim-none', memory: undefined },
      /"lim-none" may run any number of processes \(\S+pids\.max\), not 20/,
    );
    await fails({ ...limits, pids: 10 }, /"lim" may run 20 processes/);
    await fails({ ...limits, container: 'lim-done' }, /"lim-done" exists but is exited, not running/);
    assert.equal(assertionSchema.safeParse({ type: 'container_limits', container: 'lim' }).success, false);
    assert.equal(assertionSchema.safeParse({ ...limits, memory: '64 MB' }).success, false);
  });

  test('script with messages: its last line picks a message in the page language, `key: detail` filled in', async () => {
    const script = {
      type: 'script',
      run: 'f=/tmp/berth-msg; [ -f $f ] || { echo no-file; exit 1; }; echo "says: $(cat $f)"',
      messages: {
        'no-file': { en: 'There is no /tmp/berth-msg.', zh: '没有 /tmp/berth-msg。' },
        says: { en: '/tmp/berth-msg says {detail}.', zh: '/tmp/berth-msg 的内容是 {detail}。' },
      },
    };
    const missing = await check(script);
    assert.equal(missing.passed, false);
    assert.equal(missing.message, 'There is no /tmp/berth-msg.');
    assert.equal(renderCheckMessage(missing.finding!, 'zh'), '没有 /tmp/berth-msg。');
    await sh('echo hi there > /tmp/berth-msg');
    const said = await check(script);
    assert.equal(said.passed, true);
    assert.equal(said.message, '/tmp/berth-msg says hi there.');
    assert.equal(renderCheckMessage(said.finding!, 'zh'), '/tmp/berth-msg 的内容是 hi there。');
    // A line that names no declared message is shown as it is; without messages, as before.
    await fails({ ...script, run: `${script.run}; echo no-file-here; exit 1` }, /^no-file-here$/);
    await fails({ type: 'script', run: 'echo plain words; exit 1' }, /^plain words$/);
    // Lint (the schema): a declared key the script never prints, a message without zh, a key that is no slug.
    const bad = (messages: unknown) => assertionSchema.safeParse({ ...script, messages }).success;
    assert.equal(bad({ ...script.messages, unused: { en: 'x', zh: '某' } }), false);
    assert.equal(bad({ says: { en: 'x' } }), false);
    assert.equal(bad({ 'No File': { en: 'x', zh: '某' } }), false);
  });

  test('findings on another node say which node, in both languages', async () => {
    const [r] = await runChecks({
      engine: h.engine,
      containerId: node1,
      tasks: [
        { id: 't', assert: assertionSchema.parse({ type: 'volume_exists', node: 'node2', name: 'v' }) },
      ],
      timeoutMs: 5_000,
    });
    assert.ok(r?.finding);
    assert.equal(r.message, 'On node2: This check needs node2, which this sandbox does not have.');
    assert.equal(renderCheckMessage(r.finding, 'zh'), '在 node2 上：此检查需要 node2，但这个沙箱没有它。');
  });
});
