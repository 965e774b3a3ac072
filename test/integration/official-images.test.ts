import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// Each offline course image does what its Docker Official Image counterpart does, in one real sandbox:
// the images come from the shared store, as a learner gets them (BERTH_TEST_IMAGE_STORE picks another
// store root, for a trial build of the images).
describe('course images behave like the official ones', () => {
  let h: AgentHarness;
  const id = testSandboxId();
  const run = async (script: string, timeoutMs = 120_000) => {
    const r = await h.engine.exec(h.manager.nodeContainer(id, 'node1'), ['bash', '-lc', script], {
      timeoutMs,
    });
    return r;
  };
  const ok = async (script: string, timeoutMs?: number) => {
    const r = await run(`set -e\n${script}`, timeoutMs);
    assert.equal(r.exitCode, 0, r.output);
    return r.output;
  };

  before(async () => {
    const root = process.env.BERTH_TEST_IMAGE_STORE;
    h = await startAgentHarness(root ? { imageStoreRoot: root } : {});
    await h.manager.create({
      id,
      owner: 'official-images',
      nodes: ['node1'],
      expiresAt: new Date(Date.now() + 3600_000),
    });
  });
  after(async () => h.cleanup());

  test('hello-world prints its greeting and exits 0; debian:latest is trixie', async () => {
    const out = await ok(
      'docker run --rm hello-world; docker run --rm debian cat /etc/debian_version; docker run --rm debian:12 cat /etc/debian_version',
    );
    assert.match(out, /Hello from Docker!/);
    assert.match(out, /^13\.\d+/m);
    assert.match(out, /^12\.\d+/m);
  });

  test('busybox runs as nobody with a writable /tmp', async () => {
    const out = await ok(
      "docker run --rm --user nobody busybox sh -c 'id -un; echo x >/tmp/f && echo TMP-OK'",
    );
    assert.match(out, /^nobody$/m);
    assert.match(out, /TMP-OK/);
  });

  test('nginx serves its page and has curl; redis answers PING from another container', async () => {
    const out = await ok(
      [
        'docker network create apps >/dev/null',
        'docker run -d --name web nginx >/dev/null',
        'docker run -d --name cache --network apps redis >/dev/null',
        'for i in $(seq 50); do docker exec web curl -sf localhost >/tmp/page && break; sleep 0.2; done',
        'grep -o "Welcome to nginx!" /tmp/page | head -1',
        'for i in $(seq 50); do docker run --rm --network apps redis redis-cli -h cache ping && break; sleep 0.3; done',
      ].join('\n'),
    );
    assert.match(out, /Welcome to nginx!/);
    assert.match(out, /^PONG$/m);
  });

  test("python has pip and flask offline and runs flask's hello; node runs a script", async () => {
    const app = [
      'from flask import Flask',
      'app = Flask(__name__)',
      '@app.route("/")',
      'def hello(): return "Hello, World!"',
      'print(app.test_client().get("/").get_data(as_text=True))',
    ].join('\n');
    const out = await ok(
      [
        `printf '%s\\n' '${app}' >/root/app.py`,
        'docker run --rm -v /root/app.py:/app.py python sh -c "pip install flask && python /app.py"',
        `docker run --rm node -e 'console.log("node", process.version, "says", 6 * 7)'`,
        'docker image inspect -f \'{{index .Config.Labels "org.berth.built-from"}}\' python:3.13',
      ].join('\n'),
    );
    assert.match(out, /Requirement already satisfied: flask/i);
    assert.match(out, /^Hello, World!$/m);
    assert.match(out, /^node v20\.\d+\.\d+ says 42$/m);
    assert.match(out, /^debian trixie python3 3\.13/m);
  });

  test('golang builds a static binary that runs FROM scratch in a multi-stage build', async () => {
    const out = await ok(
      [
        'mkdir -p /root/gostatic && cd /root/gostatic',
        `printf '%s\\n' 'package main' 'import "fmt"' 'func main() { fmt.Println("static hello from scratch") }' >main.go`,
        `printf '%s\\n' 'FROM golang:1.24 AS build' 'WORKDIR /src' 'COPY main.go .' 'RUN go build -o /app main.go' 'FROM scratch' 'COPY --from=build /app /app' 'ENTRYPOINT ["/app"]' >Dockerfile`,
        'docker build -q -t gostatic . >/dev/null',
        'docker run --rm gostatic',
      ].join('\n'),
      300_000,
    );
    assert.match(out, /^static hello from scratch$/m);
  });

  test('httpd serves /usr/local/apache2/htdocs', async () => {
    const out = await ok(
      [
        'mkdir -p /root/site && echo "<h1>my site</h1>" >/root/site/index.html',
        'docker run -d --name site -v /root/site:/usr/local/apache2/htdocs httpd >/dev/null',
        'docker run -d --name plain httpd >/dev/null',
        'for i in $(seq 50); do docker run --rm --network container:site busybox wget -qO- localhost && break; sleep 0.2; done',
        'for i in $(seq 50); do docker run --rm --network container:plain busybox wget -qO- localhost && break; sleep 0.2; done',
      ].join('\n'),
    );
    assert.match(out, /<h1>my site<\/h1>/);
    assert.match(out, /It works!/);
  });

  test('postgres initialises from POSTGRES_PASSWORD and POSTGRES_DB and answers psql', async () => {
    // psql from a second container on the same network: the official image listens on every interface.
    const psql = 'docker run --rm --network pg -e PGPASSWORD=secret postgres psql -h db -U postgres -d shop';
    const out = await ok(
      [
        'docker network create pg >/dev/null',
        'docker run -d --name db --network pg -e POSTGRES_PASSWORD=secret -e POSTGRES_DB=shop postgres >/dev/null',
        'for i in $(seq 120); do docker logs db 2>&1 | grep -q "init process complete" && break; sleep 0.5; done',
        `for i in $(seq 60); do ${psql} -tAc 'select 40 + 2' && break; sleep 0.5; done`,
        'docker run --rm postgres 2>&1 | head -1 || true',
      ].join('\n'),
      180_000,
    );
    assert.match(out, /^42$/m);
    assert.match(out, /Database is uninitialized and superuser password is not specified/);
  });
});
