import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { loadAgentConfig } from '../../sandbox-agent/src/config.ts';
import { docker } from '../../sandbox-agent/src/host/image-build-support.ts';
import { mirrorAnswers, registryConfig } from '../../sandbox-agent/src/host/image-mirror.ts';
import { createPullThroughServer, listen } from '../../sandbox-agent/src/pull-through/pull-through-server.ts';
import { type AgentHarness, startAgentHarness, testSandboxId } from '../support/sandbox-agent-harness.ts';
import { clearTestRedirects, redirectSandboxPort } from '../support/sandbox-port-redirect.ts';
import { type StandIn, standInDebianMirror, standInRegistry } from '../support/upstream-stand-ins.ts';

// Online hosts (BERTH_UPSTREAM_REGISTRY, BERTH_UPSTREAM_DEBIAN_MIRROR), with stand-ins for the internet on
// loopback: two sandboxes pull an image and install a package that only upstream has, at the same time;
// upstream sees each file once, and a third pull or install sees it not at all; a course image still comes
// from the host's own mirror; and a sandbox of this host as configured (no upstream) gets neither.
// The pull-throughs run in this process and reach this test's two sandboxes only (their bridges' mirror
// and apt ports are redirected to them), so the host's own mirror and archive are never touched.
describe('pull-through of an upstream registry and Debian mirror', () => {
  let h: AgentHarness;
  let tmp: string;
  let registry: StandIn & { pushTo: string };
  let debian: StandIn & { keyring: string };
  let localMirror: ChildProcess;
  const servers: http.Server[] = [];
  const undo: (() => Promise<void>)[] = [];
  const a = testSandboxId();
  const b = testSandboxId();
  const creds = { user: 'class-account', password: 'stand-in-secret' };

  const run = async (sandbox: string, script: string) => {
    const r = await h.engine.exec(h.manager.nodeContainer(sandbox, 'node1'), ['bash', '-lc', script], {
      timeoutMs: 90_000,
    });
    return r;
  };
  // Registry API requests only (not the token realm): "GET /v2/library/x/manifests/1" …
  const apiPaths = (log: string[]) => log.filter((l) => l.includes(' /v2/'));
  const counts = (log: string[]) => {
    const m = new Map<string, number>();
    for (const l of log) m.set(l, (m.get(l) ?? 0) + 1);
    return m;
  };

  before(async () => {
    await clearTestRedirects();
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-upstream-'));
    h = await startAgentHarness();
    assert.ok(
      await mirrorAnswers(h.settings.mirrorPort),
      "the host's image mirror must be running (./berth images)",
    );
    const expiresAt = new Date(Date.now() + 3600_000);
    const sandboxes = Promise.all([
      h.manager.create({ id: a, owner: 'upstream-a', nodes: ['node1'], expiresAt }),
      h.manager.create({ id: b, owner: 'upstream-b', nodes: ['node1'], expiresAt }),
    ]);

    // Upstream: an image only it has, and an impostor busybox that must never win over the course one.
    await fs.mkdir(path.join(tmp, 'registry'));
    registry = await standInRegistry(path.join(tmp, 'registry'), creds);
    const ctx = path.join(tmp, 'ctx');
    await fs.mkdir(ctx);
    await fs.writeFile(
      path.join(ctx, 'Dockerfile'),
      'FROM busybox\nRUN echo only-upstream-has-me >/marker\n',
    );
    await docker(['build', '-q', '-t', `${registry.pushTo}/library/upstream-only:1`, ctx]);
    await docker([
      'tag',
      `${registry.pushTo}/library/upstream-only:1`,
      `${registry.pushTo}/library/busybox:latest`,
    ]);
    for (const ref of ['upstream-only:1', 'busybox:latest']) {
      await docker(['push', '-q', `${registry.pushTo}/library/${ref}`]);
      await docker(['rmi', `${registry.pushTo}/library/${ref}`]);
    }
    debian = await standInDebianMirror(path.join(tmp, 'apt'), {
      name: 'berth-upstream-demo',
      says: 'hello from the upstream mirror',
      suite: 'bookworm',
    });
    registry.log.all.length = 0;
    registry.log.served.length = 0;

    // The host's course images (its mirror's storage, read-only) on a socket of this test's own.
    const socket = path.join(tmp, 'mirror.sock');
    await fs.writeFile(path.join(tmp, 'mirror.yml'), registryConfig(socket, true, 'unix'));
    localMirror = spawn('docker-registry', ['serve', path.join(tmp, 'mirror.yml')], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await fs.stat(socket).catch(() => undefined)); i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    const common = { port: 0, host: '0.0.0.0', refreshSeconds: 600 };
    const registryServer = createPullThroughServer(
      {
        ...common,
        kind: 'registry',
        localSocket: socket,
        upstream: registry.url,
        username: creds.user,
        password: creds.password,
        cacheDir: path.join(tmp, 'registry-cache'),
      },
      () => {},
    );
    const aptServer = createPullThroughServer(
      {
        ...common,
        kind: 'apt',
        upstream: debian.url,
        keyring: debian.keyring,
        cacheDir: path.join(tmp, 'apt-cache'),
      },
      () => {},
    );
    servers.push(registryServer, aptServer);
    const registryPort = await listen(registryServer, common);
    const aptPort = await listen(aptServer, common);
    await sandboxes;
    for (const id of [a, b]) {
      undo.push(await redirectSandboxPort(id, h.settings.mirrorPort, registryPort));
      undo.push(await redirectSandboxPort(id, 80, aptPort));
    }
  });

  after(async () => {
    for (const u of undo) await u();
    for (const s of servers) {
      s.closeAllConnections();
      s.close();
    }
    localMirror?.kill('SIGTERM');
    await registry?.close();
    await debian?.close();
    await h?.cleanup();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  test('two sandboxes pull an upstream-only image at once; upstream serves each file once, then never again', async (t) => {
    const pull = 'docker pull -q upstream-only:1 >/dev/null && docker run --rm upstream-only:1 cat /marker';
    const started = Date.now();
    const [ra, rb] = await Promise.all([run(a, pull), run(b, pull)]);
    t.diagnostic(`two concurrent cold pulls: ${Date.now() - started} ms`);
    for (const r of [ra, rb]) {
      assert.equal(r.exitCode, 0, r.output);
      assert.match(r.output, /only-upstream-has-me/);
    }
    const served = apiPaths(registry.log.served);
    t.diagnostic(`upstream served ${served.length} registry requests:\n${served.join('\n')}`);
    assert.ok(
      served.some((l) => l.includes('/manifests/1')),
      'the tag came from upstream',
    );
    assert.ok(
      served.some((l) => l.includes('/blobs/sha256:')),
      'the layers came from upstream',
    );
    for (const [line, n] of counts(served)) assert.equal(n, 1, `${line} was fetched ${n} times`);
    // The stand-in asked for a token, which came from its realm with the configured credentials.
    assert.ok(registry.log.all.some((l) => l.startsWith('GET /token')));

    const before = registry.log.all.length;
    const again = await run(a, `docker rmi -f upstream-only:1 >/dev/null && ${pull}`);
    assert.equal(again.exitCode, 0, again.output);
    assert.match(again.output, /only-upstream-has-me/);
    assert.deepEqual(registry.log.all.slice(before), [], 'a pull of a cached image must not reach upstream');
  });

  test('a course image comes from the host mirror, never from upstream', async () => {
    const r = await run(
      a,
      'before=$(docker image inspect -f "{{.Id}}" busybox) && docker pull -q busybox >/dev/null && ' +
        '[ "$before" = "$(docker image inspect -f "{{.Id}}" busybox)" ] && echo SAME && ' +
        'docker rmi -f busybox >/dev/null && docker pull -q busybox >/dev/null && ' +
        '{ docker run --rm busybox cat /marker 2>&1 || echo NO-MARKER; }',
    );
    assert.equal(r.exitCode, 0, r.output);
    assert.match(r.output, /SAME/);
    assert.match(r.output, /NO-MARKER/, `the impostor busybox from upstream won:\n${r.output}`);
    assert.deepEqual(
      registry.log.all.filter((l) => l.includes('library/busybox')),
      [],
      'upstream was asked about a course image',
    );
  });

  test('two sandboxes apt-get install an upstream-only package at once; upstream serves each file once', async (t) => {
    const install =
      'docker run --rm debian:bookworm sh -c "apt-get update -q >/dev/null && ' +
      'apt-get install -y -q berth-upstream-demo >/dev/null && berth-upstream-demo"';
    const started = Date.now();
    const [ra, rb] = await Promise.all([run(a, install), run(b, install)]);
    t.diagnostic(`two concurrent cold installs: ${Date.now() - started} ms`);
    for (const r of [ra, rb]) {
      assert.equal(r.exitCode, 0, r.output);
      assert.match(r.output, /hello from the upstream mirror/);
    }
    t.diagnostic(`upstream got:\n${debian.log.all.join('\n')}`);
    assert.ok(
      debian.log.served.some((l) => l.includes('.deb')),
      'the package came from upstream',
    );
    for (const [line, n] of counts(debian.log.all)) assert.equal(n, 1, `${line} was fetched ${n} times`);

    const before = debian.log.all.length;
    const again = await run(b, install);
    assert.equal(again.exitCode, 0, again.output);
    assert.match(again.output, /hello from the upstream mirror/);
    assert.deepEqual(debian.log.all.slice(before), [], 'an install from the cache must not reach upstream');
  });

  test('an InRelease not signed by the configured keys is refused, and an unsigned Release never asked for', async () => {
    // The same stand-in, checked against Debian's own keys, which did not sign it.
    const server = createPullThroughServer(
      {
        port: 0,
        host: '127.0.0.1',
        refreshSeconds: 600,
        kind: 'apt',
        upstream: debian.url,
        keyring: loadAgentConfig({}).BERTH_UPSTREAM_DEBIAN_KEYRING,
        cacheDir: path.join(tmp, 'apt-cache-2'),
      },
      () => {},
    );
    servers.push(server);
    const port = await listen(server, { port: 0, host: '127.0.0.1' });
    const before = debian.log.all.length;
    const signed = await fetch(`http://127.0.0.1:${port}/debian/dists/bookworm/InRelease`);
    assert.equal(signed.status, 502);
    const unsigned = await fetch(`http://127.0.0.1:${port}/debian/dists/bookworm/Release`);
    assert.equal(unsigned.status, 404);
    assert.deepEqual(debian.log.all.slice(before), ['GET /debian/dists/bookworm/InRelease']);
    // Sent as written (fetch would resolve the dots itself).
    const raw = (p: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request({ host: '127.0.0.1', port, path: p }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        });
        req.on('error', reject).end();
      });
    for (const bad of [
      '/debian/../../etc/passwd',
      '/debian/%2e%2e/%2e%2e/etc/passwd',
      '/debian/.hidden',
      '/other',
      '/debian/',
    ]) {
      assert.equal(await raw(bad), 404, bad);
    }
    assert.equal(debian.log.all.length, before + 1, 'paths outside the archive never reach upstream');
  });

  test('the process a host starts: a class of 30 asking at once makes one upstream fetch per file; HEAD; no pushes', async () => {
    const config = path.join(tmp, 'pull-through-registry.json');
    const settings = {
      kind: 'registry',
      port: 0,
      host: '127.0.0.1',
      localSocket: path.join(tmp, 'mirror.sock'),
      upstream: registry.url,
      username: creds.user,
      password: creds.password,
      // Cold: its own cache.
      cacheDir: path.join(tmp, 'registry-cache-process'),
      refreshSeconds: 600,
    };
    await fs.writeFile(config, JSON.stringify(settings));
    const main = fileURLToPath(
      new URL('../../sandbox-agent/src/pull-through/pull-through-main.ts', import.meta.url),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', main, config], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const port = await new Promise<number>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          const m = /on port (\d+)/.exec(d.toString());
          if (m) resolve(Number(m[1]));
        });
        child.on('exit', (code) => reject(new Error(`pull-through-main exited with ${code}`)));
      });
      const base = `http://127.0.0.1:${port}/v2/library/upstream-only`;
      const index = 'application/vnd.docker.distribution.manifest.v2+json';
      const before = registry.log.served.length;
      const thirty = <T>(f: () => Promise<T>) => Promise.all(Array.from({ length: 30 }, f));
      const manifests = await thirty(async () => {
        const r = await fetch(`${base}/manifests/1`, { headers: { accept: index } });
        return { status: r.status, body: await r.text(), digest: r.headers.get('docker-content-digest') };
      });
      assert.ok(manifests.every((m) => m.status === 200 && m.body === manifests[0]!.body));
      const layers = JSON.parse(manifests[0]!.body).layers as { digest: string }[];
      const sizes = await thirty(
        async () => (await (await fetch(`${base}/blobs/${layers[0]!.digest}`)).arrayBuffer()).byteLength,
      );
      assert.ok(sizes.every((n) => n > 0 && n === sizes[0]));
      assert.deepEqual(
        registry.log.served.slice(before).map((l) => l.replace(/sha256:\w+/, 'sha256:…')),
        ['GET /v2/library/upstream-only/manifests/1', 'GET /v2/library/upstream-only/blobs/sha256:…'],
        '30 concurrent asks for a tag and for a layer: one upstream fetch each',
      );

      const head = await fetch(`${base}/manifests/1`, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('docker-content-digest'), manifests[0]!.digest);
      assert.ok(Number(head.headers.get('content-length')) > 0);
      assert.equal((await head.arrayBuffer()).byteLength, 0);
      const missing = await fetch(`http://127.0.0.1:${port}/v2/library/nowhere/manifests/1`);
      assert.equal(missing.status, 404);
      assert.match(await missing.text(), /MANIFEST_UNKNOWN/);
      const push = await fetch(`http://127.0.0.1:${port}/v2/library/evil/blobs/uploads/`, { method: 'POST' });
      assert.notEqual(push.status, 202, 'an upload must not start');
    } finally {
      child.kill('SIGTERM');
    }
  });

  test('with no upstream set (this host as configured), a sandbox gets neither, and upstream hears nothing', async () => {
    for (const u of undo.splice(0)) await u();
    // Connections the node's engine kept open to the pull-through would still lead there.
    for (const s of servers) s.closeAllConnections();
    const before = registry.log.all.length + debian.log.all.length;
    const r = await run(
      b,
      [
        'docker rmi -f upstream-only:1 >/dev/null',
        'docker pull upstream-only:1 >/dev/null 2>&1; echo "pull=$?"',
        'docker run --rm debian:bookworm sh -c "apt-get update -q >/dev/null; apt-get install -y berth-upstream-demo >/dev/null 2>&1; echo install=\\$?"',
      ].join('; '),
    );
    assert.match(r.output, /pull=1/, r.output);
    assert.match(r.output, /install=100/, r.output);
    assert.equal(registry.log.all.length + debian.log.all.length, before);
  });
});
