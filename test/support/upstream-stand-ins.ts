import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { freePort } from './free-port.ts';

// Stand-ins for the internet on loopback, for the pull-through tests: a registry that asks for a Bearer
// token the way Docker Hub does, and a Debian repository; each counts every request it gets.

export interface RequestLog {
  // Every request, as "METHOD /path".
  all: string[];
  // Requests that got content (for the registry: authorised ones passed on to the real registry).
  served: string[];
}

export interface StandIn {
  url: string;
  log: RequestLog;
  close(): Promise<void>;
}

const listen = (server: http.Server) =>
  new Promise<number>((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port)),
  );

// Debian's docker-registry (writable, for the test to push to at `pushTo`) behind a front that wants
// `Bearer <token>`, which its /token realm hands out only for Basic `user:password`.
export async function standInRegistry(
  dir: string,
  creds: { user: string; password: string },
): Promise<StandIn & { pushTo: string }> {
  const port = await freePort();
  const config = path.join(dir, 'registry.yml');
  await fs.writeFile(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      '  accesslog:',
      '    disabled: true',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'storage')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      '',
    ].join('\n'),
  );
  const registry: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const log: RequestLog = { all: [], served: [] };
  const token = 'stand-in-token';
  const basic = `Basic ${Buffer.from(`${creds.user}:${creds.password}`).toString('base64')}`;
  let front = 0;
  const server = http.createServer((req, res) => {
    const line = `${req.method} ${req.url}`;
    log.all.push(line);
    if (req.url?.startsWith('/token')) {
      if (req.headers.authorization !== basic) return res.writeHead(401).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify({ token, expires_in: 300 }));
    }
    if (req.headers.authorization !== `Bearer ${token}`) {
      const realm = `Bearer realm="http://127.0.0.1:${front}/token",service="stand-in"`;
      return res.writeHead(401, { 'www-authenticate': realm }).end();
    }
    log.served.push(line);
    const upstream = http.request(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  front = await listen(server);
  return {
    url: `http://127.0.0.1:${front}`,
    pushTo: `127.0.0.1:${port}`,
    log,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      registry.kill('SIGTERM');
    },
  };
}

// A Debian repository for `suite` holding one package, `name`, whose command prints `says`: a .deb built
// here with dpkg-deb, indexed with apt-ftparchive and its InRelease signed with a key made for it (the
// public half in `keyring`), served as static files under /debian.
export async function standInDebianMirror(
  dir: string,
  pkg: { name: string; says: string; suite: string },
): Promise<StandIn & { keyring: string }> {
  const root = path.join(dir, 'debian');
  const build = path.join(dir, 'pkg');
  await fs.mkdir(path.join(build, 'DEBIAN'), { recursive: true });
  await fs.mkdir(path.join(build, 'usr/bin'), { recursive: true });
  await fs.writeFile(
    path.join(build, 'DEBIAN/control'),
    `Package: ${pkg.name}\nVersion: 1.0\nArchitecture: all\nMaintainer: Berth tests <tests@berth.invalid>\nDescription: only the stand-in upstream has this\n`,
  );
  await fs.writeFile(path.join(build, 'usr/bin', pkg.name), `#!/bin/sh\necho '${pkg.says}'\n`, {
    mode: 0o755,
  });
  const pool = path.join(root, 'pool/main', pkg.name[0]!, pkg.name);
  await fs.mkdir(pool, { recursive: true });
  execFileSync('dpkg-deb', ['--root-owner-group', '-b', build, path.join(pool, `${pkg.name}_1.0_all.deb`)], {
    stdio: 'ignore',
  });
  const dist = path.join(root, 'dists', pkg.suite);
  const binary = path.join(dist, 'main/binary-amd64');
  await fs.mkdir(binary, { recursive: true });
  await fs.writeFile(
    path.join(binary, 'Packages'),
    execFileSync('apt-ftparchive', ['packages', 'pool'], { cwd: root }),
  );
  execFileSync('gzip', ['-9kn', path.join(binary, 'Packages')]);
  const fields = { Suite: pkg.suite, Codename: pkg.suite, Components: 'main', Architectures: 'amd64' };
  const opts = Object.entries(fields).flatMap(([k, v]) => ['-o', `APT::FTPArchive::Release::${k}=${v}`]);
  const release = execFileSync('apt-ftparchive', [...opts, 'release', `dists/${pkg.suite}`], { cwd: root });
  await fs.writeFile(path.join(dist, 'Release'), release);
  const gnupg = path.join(dir, 'gnupg');
  await fs.mkdir(gnupg, { mode: 0o700 });
  const gpg = (args: string[]) => execFileSync('gpg', ['--batch', '--quiet', '--homedir', gnupg, ...args]);
  try {
    gpg([
      '--passphrase',
      '',
      '--quick-gen-key',
      'Berth stand-in mirror <mirror@berth.invalid>',
      'ed25519',
      'sign',
      'never',
    ]);
    gpg(['--clearsign', '-o', path.join(dist, 'InRelease'), path.join(dist, 'Release')]);
    await fs.writeFile(path.join(dir, 'keyring.gpg'), gpg(['--export']));
  } finally {
    execFileSync('gpgconf', ['--homedir', gnupg, '--kill', 'gpg-agent']);
  }

  const log: RequestLog = { all: [], served: [] };
  const server = http.createServer(async (req, res) => {
    const line = `${req.method} ${req.url}`;
    log.all.push(line);
    const rel = new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/debian\//, '');
    const file = path.join(root, path.normalize(rel));
    const body = file.startsWith(`${root}/`) ? await fs.readFile(file).catch(() => undefined) : undefined;
    if (!body) return res.writeHead(404).end();
    log.served.push(line);
    res
      .writeHead(200, { 'content-length': String(body.length) })
      .end(req.method === 'HEAD' ? undefined : body);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}/debian`,
    keyring: path.join(dir, 'keyring.gpg'),
    log,
    async close() {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
}
