import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { agentConfig } from '../../sandbox-agent/src/config.ts';
import { Engine } from '../../sandbox-agent/src/docker/engine.ts';
import { LABEL } from '../../sandbox-agent/src/docker/labels.ts';
import { buildImageStore } from '../../sandbox-agent/src/host/image-store-builder.ts';
import { COURSE_IMAGE_REFS, mirrorAnswers } from '../../sandbox-agent/src/host/index.ts';
import { NODE_CAPABILITIES } from '../../sandbox-agent/src/sandboxes/node-spec.ts';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';

// Images everywhere, offline: every course image is in a new sandbox at once (shared read-only store),
// `docker pull` of a course image works through the host's read-only mirror, and anything else fails
// in well under a second with a message that says why — with no traffic off the machine.
describe('course images in a sandbox', () => {
  let h: AgentHarness;
  const id = testSandboxId();
  const other = testSandboxId();
  const run = async (sandbox: string, script: string, timeoutMs = 120_000) => {
    const started = Date.now();
    const r = await h.engine.exec(h.manager.nodeContainer(sandbox, 'node1'), ['bash', '-lc', script], {
      timeoutMs,
    });
    return { ...r, ms: Date.now() - started };
  };

  before(async () => {
    const root = process.env.BERTH_TEST_IMAGE_STORE;
    h = await startAgentHarness(root ? { imageStoreRoot: root } : {});
    assert.ok(
      await mirrorAnswers(h.settings.mirrorPort),
      'the image mirror must be running (./berth images)',
    );
    const expiresAt = new Date(Date.now() + 3600_000);
    await Promise.all([
      h.manager.create({ id, owner: 'images', nodes: ['node1'], expiresAt }),
      h.manager.create({ id: other, owner: 'images-2', nodes: ['node1'], expiresAt }),
    ]);
  });
  after(async () => h.cleanup());

  test('a new sandbox has every course image at once, for under 5 MB of its own disk', async () => {
    const r = await run(
      id,
      // -x: the store's bottom layers are mounted under it (sandbox-agent/images/node/berth-mount-store-layers).
      "docker image ls --format '{{.Repository}}:{{.Tag}}'; du -skx /var/lib/docker | cut -f1",
    );
    const lines = r.output.trim().split('\n');
    const kb = Number(lines.pop());
    for (const ref of COURSE_IMAGE_REFS) assert.ok(lines.includes(ref), `${ref} missing: ${lines.join(' ')}`);
    console.log(`  ${lines.length} image tags present; the node's own /var/lib/docker holds ${kb} KB`);
    assert.ok(kb < 5 * 1024, `expected < 5 MB of metadata, got ${kb} KB`);
  });

  test('nginx, debian and registry images run like the official ones', async () => {
    const r = await run(
      id,
      [
        'docker run -d --name web -p 8080:80 nginx >/dev/null',
        'docker run --rm debian:bookworm cat /etc/debian_version',
        'docker run -d --name reg -p 5000:5000 registry:2 >/dev/null',
        'for i in $(seq 50); do curl -sf localhost:8080 >/tmp/page && curl -sf localhost:5000/v2/ >/dev/null && break; sleep 0.2; done',
        'grep -o "Welcome to nginx!" /tmp/page | head -1',
        'docker tag busybox localhost:5000/mybox && docker push localhost:5000/mybox >/dev/null && echo PUSHED',
      ].join(' && '),
    );
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /^12\.\d+/m);
    assert.match(r.output, /Welcome to nginx!/);
    assert.match(r.output, /PUSHED/);
  });

  test('a RUN on debian adds a layer of its own bytes, not a copy of the base (BuildKit and legacy)', async () => {
    const sizes = await run(
      id,
      [
        'set -e',
        'for base in debian:trixie debian:bookworm nginx; do',
        `  printf 'FROM %s\\nRUN echo hi > /x\\n' "$base" | docker build -q -t "run-on-$base" - >/dev/null`,
        `  printf 'FROM %s\\nRUN echo hi > /y\\n' "$base" | DOCKER_BUILDKIT=0 docker build -q -t "legacy-on-$base" - >/dev/null`,
        '  for t in run-on legacy-on; do',
        `    echo "$t-$base $(docker history --human=false --format '{{.Size}}' "$t-$base" | head -1)"`,
        '  done',
        'done',
      ].join('\n'),
      300_000,
    );
    assert.equal(sizes.exitCode, 0, sizes.output);
    const rows = sizes.output
      .trim()
      .split('\n')
      .filter((l) => /^(run|legacy)-on-/.test(l));
    assert.equal(rows.length, 6, sizes.output);
    for (const row of rows) {
      const [image, bytes] = row.split(' ');
      assert.ok(Number(bytes) < 1024 * 1024, `${image}: its RUN layer holds ${bytes} bytes`);
    }
    console.log(`  RUN layer sizes: ${rows.join(', ')}`);
    // The base is a mount in the node: removing it and pulling it back still works.
    const again = await run(
      id,
      'for b in debian:trixie debian:bookworm nginx; do docker rmi run-on-$b legacy-on-$b >/dev/null; done && docker rmi debian:bookworm debian:12 debian:bookworm-slim >/dev/null && docker pull -q debian:bookworm >/dev/null && docker run --rm debian:bookworm cat /etc/debian_version',
    );
    assert.equal(again.exitCode, 0, again.output);
    assert.match(again.output, /^12\.\d+/m);
  });

  test('docker rmi then docker pull of a course image works through the mirror; other sandboxes keep theirs', async () => {
    const rm = await run(id, 'docker rm -f web >/dev/null; docker rmi nginx:latest nginx:stable');
    assert.equal(rm.exitCode, 0, rm.output);
    const pulled = await run(id, 'docker pull -q nginx && docker run --rm nginx nginx -v 2>&1');
    assert.equal(pulled.exitCode, 0, pulled.output);
    assert.match(pulled.output, /nginx version: nginx\/1\./);
    console.log(`  docker pull nginx from the mirror + run: ${pulled.ms} ms`);
    const elsewhere = await run(other, "docker image ls --format '{{.Repository}}:{{.Tag}}'");
    assert.match(elsewhere.output, /^nginx:stable$/m, 'the other sandbox still has its nginx:stable');
  });

  test('an image outside the course set fails fast with a clear message', async () => {
    for (const image of ['no-such-image', 'ghcr.io/someone/tool:1']) {
      const r = await run(id, `docker pull ${image}`, 30_000);
      assert.notEqual(r.exitCode, 0);
      assert.match(r.output, /no such host/, r.output);
      assert.match(r.output, /this sandbox is offline\. Images you can pull or run: .*busybox:latest/);
      console.log(`  docker pull ${image}: failed in ${r.ms} ms`);
      assert.ok(r.ms < 5000, `took ${r.ms} ms`);
    }
  });

  test('the mirror is read-only for sandboxes', async () => {
    const r = await run(
      id,
      `docker tag busybox berth-mirror:${h.settings.mirrorPort}/library/busybox:evil && docker push berth-mirror:${h.settings.mirrorPort}/library/busybox:evil`,
    );
    assert.notEqual(r.exitCode, 0, r.output);
    assert.match(r.output, /405|Method not allowed|read-only/i);
  });

  test('the mirror and the DNS responder only take traffic from loopback and sandbox bridges', () => {
    const input = execFileSync('iptables', ['-w', '-S', 'INPUT'], { encoding: 'utf8' });
    assert.match(input, new RegExp(`-p tcp -m tcp --dport ${h.settings.mirrorPort} -j BERTH-MIRROR`));
    assert.match(input, new RegExp(`-p udp -m udp --dport ${h.settings.dnsPort} -j BERTH-MIRROR`));
    const guard = execFileSync('iptables', ['-w', '-S', 'BERTH-MIRROR'], { encoding: 'utf8' });
    assert.deepEqual(guard.trim().split('\n').slice(1), [
      '-A BERTH-MIRROR -i lo -j RETURN',
      '-A BERTH-MIRROR -i bth-+ -j RETURN',
      '-A BERTH-MIRROR -j DROP',
    ]);
  });
});

// The store's builder is a node like any sandbox's (same spec, same start handshake): built here into a
// root of its own, so the shared store's `current` is never switched under running tests.
describe('the image store builder', () => {
  let h: AgentHarness;
  let root: string;
  const id = testSandboxId();

  before(async () => {
    root = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-image-store-'));
    h = await startAgentHarness({ imageStoreRoot: root });
  });
  after(async () => {
    await h.cleanup();
    await fs.rm(root, { recursive: true, force: true });
  });

  test('builds a store with the sandbox node spec, and a new sandbox gets every course image from it', async () => {
    const c = agentConfig();
    const engine = new Engine(c.BERTH_ENGINE_SOCKET);
    let builder: Awaited<ReturnType<Engine['inspectContainer']>>;
    let building = true;
    const watch = (async () => {
      while (building && !builder) {
        const found = (await engine.listContainers({ [LABEL.managed]: 'true' })).find((x) =>
          x.name.startsWith(`berth-image-store-`),
        );
        if (found) builder = await engine.inspectContainer(found.id);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const started = Date.now();
    await buildImageStore(c, { force: true, root });
    building = false;
    await watch;
    console.log(`  store built in ${Date.now() - started} ms`);
    assert.ok(builder, 'the builder container was seen');
    const hc = builder!.HostConfig;
    assert.deepEqual(hc.CapDrop, ['ALL']);
    assert.deepEqual(hc.CapAdd, NODE_CAPABILITIES);
    assert.ok(!hc.CapAdd?.includes('ALL'));
    assert.equal(hc.ReadonlyRootfs, true);
    assert.ok(
      hc.SecurityOpt?.some((o: string) => o.startsWith('seccomp={')),
      'the node seccomp profile',
    );
    assert.ok(!hc.SecurityOpt?.includes('seccomp=unconfined'));
    assert.match(hc.CgroupParent ?? '', /^\/berth\/image-store-/);
    assert.equal(hc.Memory, c.BERTH_SANDBOX_MEMORY_MB * 1024 * 1024);
    assert.deepEqual(
      await engine.listContainers({ [LABEL.sandbox]: builder!.Config.Labels[LABEL.sandbox]! }),
      [],
    );

    const current = await fs.readlink(path.join(root, 'current'));
    const manifest = JSON.parse(await fs.readFile(path.join(root, current, 'store.json'), 'utf8'));
    assert.deepEqual(manifest.refs, COURSE_IMAGE_REFS);
    await h.manager.create({
      id,
      owner: 'store',
      nodes: ['node1'],
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const r = await h.engine.exec(
      h.manager.nodeContainer(id, 'node1'),
      [
        'bash',
        '-lc',
        "docker image ls --format '{{.Repository}}:{{.Tag}}' && docker run --rm busybox echo STORE-OK",
      ],
      { timeoutMs: 60_000 },
    );
    assert.equal(r.exitCode, 0, r.output);
    for (const ref of COURSE_IMAGE_REFS) assert.match(r.output, new RegExp(`^${ref}$`, 'm'));
    assert.match(r.output, /STORE-OK/);
  });
});
