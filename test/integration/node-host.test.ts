import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { diskPaths } from '../../sandbox-agent/src/sandboxes/sandbox-disk.ts';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// A node behaves like a real Docker host: a current engine (BuildKit, compose v2, buildx), a writable
// root and an executable /tmp, `systemctl restart docker` honouring restart policies and daemon.json, the
// usual tools, ssh between the nodes of a sandbox, Docker's default address pools and offline hints that
// fit the failure. One two-node sandbox serves every case.
describe('a node behaves like a real Docker host', () => {
  let h: AgentHarness;
  const id = testSandboxId();
  const sh = async (script: string, node = 'node1', timeoutMs = 120_000) => {
    const started = Date.now();
    const r = await h.engine.exec(h.manager.nodeContainer(id, node), ['bash', '-lc', script], { timeoutMs });
    return { ...r, ms: Date.now() - started };
  };

  before(async () => {
    h = await startAgentHarness();
    const expiresAt = new Date(Date.now() + 3600_000);
    await h.manager.create({ id, owner: 'node-host', nodes: ['node1', 'node2'], expiresAt });
  });
  after(async () => h?.cleanup());

  test('BuildKit by default: --output, a cache mount and a multi-source COPY; buildx and compose answer', async () => {
    const r = await sh(
      [
        'set -e',
        'mkdir -p /src/app && cd /src/app && echo alpha >a && echo beta >b',
        "printf 'FROM busybox AS build\\nCOPY a b /out/\\nRUN --mount=type=cache,target=/cache echo cached >>/cache/n && wc -l </cache/n >/out/runs\\nFROM scratch\\nCOPY --from=build /out/ /\\n' >Dockerfile",
        'docker build -q --output type=local,dest=/srv/out .',
        'cat /srv/out/a /srv/out/b',
        // The second build reuses the cache mount: the counter file there has grown.
        "sed -i 's/echo cached/echo again/' Dockerfile && docker build -q --output type=local,dest=/srv/out2 .",
        'echo "runs=$(cat /srv/out2/runs)"',
        'docker buildx version',
        'docker compose version',
      ].join('\n'),
    );
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /^alpha\nbeta$/m);
    assert.match(r.output, /runs=2/);
    assert.match(r.output, /github\.com\/docker\/buildx 0\./);
    assert.match(r.output, /Docker Compose version v?2\./);
    console.log(`  two BuildKit builds with --output: ${r.ms} ms`);
  });

  test('docker compose up runs a two-service app whose services reach each other by name', async () => {
    const r = await sh(
      [
        'set -e',
        'mkdir -p /src/shop && cd /src/shop',
        'printf \'services:\\n  web:\\n    image: nginx\\n  client:\\n    image: busybox\\n    command: sh -c "until wget -qO- http://web/; do sleep 0.2; done | grep -o Welcome.to.nginx; sleep 600"\\n    depends_on: [web]\\n\' >compose.yaml',
        'docker compose up -d --quiet-pull 2>/dev/null',
        'for i in $(seq 50); do docker compose logs client | grep -q Welcome && break; sleep 0.2; done',
        'docker compose logs --no-log-prefix client',
        "docker compose ps --format '{{.Service}} {{.State}}' | sort",
        'docker compose down -t 1 2>/dev/null',
      ].join('\n'),
    );
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /Welcome.to.nginx/);
    assert.match(r.output, /client running\nweb running/);
  });

  test('the root is writable on the sandbox disk and /tmp runs programs', async () => {
    const r = await sh(
      [
        'set -e',
        'mkdir /ks && echo "10.1.2.3 extra-host" >>/etc/hosts && mkdir -p /opt/data/registry',
        'docker run --rm -v /opt/data/registry:/data busybox sh -c "echo from-container >/data/f"',
        'cat /opt/data/registry/f',
        "printf '#!/bin/sh\\necho tmp-exec-ok\\n' >/tmp/s.sh && chmod +x /tmp/s.sh && /tmp/s.sh",
        'df -m /tmp | awk \'NR==2 {print "tmp-size=" $2}\'',
      ].join('\n'),
    );
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /from-container/);
    assert.match(r.output, /tmp-exec-ok/);
    assert.ok(Number(r.output.match(/tmp-size=(\d+)/)?.[1]) <= 256, 'the /tmp cap holds');
    // The writes are on the sandbox's own disk (the upper layer of the node's root), not in the node image.
    const upper = path.join(diskPaths(h.settings.sandboxesDir, id).mountPoint, 'node1', 'rootfs', 'upper');
    assert.ok(await fs.stat(path.join(upper, 'ks')).then((s) => s.isDirectory()));
    assert.match(await fs.readFile(path.join(upper, 'etc', 'hosts'), 'utf8'), /extra-host/);
  });

  test('systemctl / service restart docker: restart policies honoured, daemon.json applied, the node lives on', async () => {
    const containerBefore = (await h.engine.inspectContainer(h.manager.nodeContainer(id, 'node1')))?.State
      .StartedAt;
    const r = await sh(
      [
        'set -e',
        'docker run -d --init --name always --restart always busybox sleep 1000 >/dev/null',
        'docker run -d --init --name once busybox sleep 1000 >/dev/null',
        'jq \'.dns = ["192.0.2.53"]\' /etc/docker/daemon.json >/tmp/d.json && cp /tmp/d.json /etc/docker/daemon.json',
        'systemctl restart docker',
        "docker ps --format '{{.Names}}' | sort | sed 's/^/up: /'",
        'docker run --rm busybox grep nameserver /etc/resolv.conf',
        'service docker restart && systemctl is-active docker',
        "docker ps --format '{{.Names}}' | sed 's/^/again: /'",
        'docker rm -f always once >/dev/null',
      ].join('\n'),
    );
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /^up: always$/m);
    assert.doesNotMatch(r.output, /^up: once$/m);
    assert.match(r.output, /nameserver 192\.0\.2\.53/);
    assert.match(r.output, /^active$/m);
    assert.match(r.output, /^again: always$/m);
    const after = await h.engine.inspectContainer(h.manager.nodeContainer(id, 'node1'));
    assert.equal(after?.State.Running, true);
    assert.equal(after?.State.StartedAt, containerBefore, 'the node container was not restarted');
    console.log(`  two engine restarts with containers: ${r.ms} ms`);
  });

  test('docker exec works in a container whose process is not root (redis, --user nobody)', async () => {
    const r = await sh(
      [
        'docker run -d --name exec-redis redis >/dev/null',
        'docker run -d --name exec-nobody --user nobody busybox sleep 300 >/dev/null',
        'for i in $(seq 1 50); do docker exec exec-redis redis-cli ping 2>/dev/null | grep -q PONG && break; sleep 0.2; done',
        'echo "redis: $(docker exec exec-redis redis-cli ping)"',
        'echo "nobody: $(docker exec exec-nobody id -un)"',
        'echo "root: $(docker exec -u root exec-nobody id -un)"',
        'docker rm -f exec-redis exec-nobody >/dev/null',
      ].join('; '),
    );
    assert.match(r.output, /redis: PONG/, r.output);
    assert.match(r.output, /nobody: nobody/, r.output);
    assert.match(r.output, /root: root/, r.output);
  });

  test('the usual tools are there, and ssh node2 logs in with the sandbox key', async () => {
    const tools = 'curl wget jq git vim nano lssubsys brctl htpasswd ip iptables ssh sshd';
    const r = await sh(
      [
        `for t in ${tools}; do command -v $t >/dev/null && echo "have $t" || echo "MISSING $t"; done`,
        'ssh -o BatchMode=yes node2 "hostname; cat /etc/debian_version"',
      ].join('\n'),
    );
    for (const t of tools.split(' ')) assert.match(r.output, new RegExp(`^have ${t}$`, 'm'));
    assert.match(r.output, /^node2\n13\./m);
  });

  test("Docker's default address pools: the bridge on 172.17, user networks from 172.18", async () => {
    const r = await sh(
      [
        'docker network create pool-test >/dev/null',
        "docker network inspect bridge pool-test -f '{{.Name}} {{(index .IPAM.Config 0).Subnet}}'",
        'docker run --rm busybox ip -4 -o addr show eth0',
        'docker network rm pool-test >/dev/null',
      ].join('\n'),
    );
    assert.match(r.output, /^bridge 172\.17\.0\.0\/16$/m);
    assert.match(r.output, /^pool-test 172\.18\.0\.0\/16$/m);
    assert.match(r.output, /inet 172\.17\.0\.\d+\/16/);
  });

  test('offline hints fit the failure: a URL outside, an unknown image, none for a failing RUN or a local registry', async () => {
    const hintUrl = /berth:.*offline: URLs outside it cannot be fetched/;
    const hintImage = /berth:.*offline\. Images you can pull or run/;
    const build = async (dockerfile: string) =>
      sh(`mkdir -p /tmp/h && cd /tmp/h && printf '${dockerfile}' >Dockerfile && docker build -q . 2>&1`);
    const add = await build('FROM busybox\\nADD https://example.com/file.txt /\\n');
    assert.match(add.output, hintUrl);
    assert.doesNotMatch(add.output, hintImage);
    const from = await build('FROM nosuch/image\\n');
    assert.match(from.output, hintImage);
    // A registry of the sandbox's own: its error is the reason, not being offline.
    const local = await sh('docker pull localhost:5000/busybox:never-pushed 2>&1');
    assert.notEqual(local.exitCode, 0);
    assert.doesNotMatch(local.output, /berth:/);
    const failing = await build('FROM busybox\\nRUN exit 3\\n');
    assert.notEqual(failing.exitCode, 0);
    assert.doesNotMatch(failing.output, /berth:/);
    const clients = await sh(
      'git clone https://github.com/docker/getting-started 2>&1; curl -sS https://example.com/ 2>&1; curl -sS http://127.0.0.1:1/ 2>&1',
    );
    assert.equal(clients.output.match(/berth:.*this sandbox is offline/g)?.length, 2, clients.output);
    const times = `ADD ${add.ms} ms, FROM ${from.ms} ms, RUN ${failing.ms} ms, git+curl ${clients.ms} ms`;
    console.log(`  ${times}`);
    assert.ok(
      add.ms < 10_000 && from.ms < 10_000 && clients.ms < 10_000,
      `offline failures answer fast: ${times}`,
    );
  });
});
