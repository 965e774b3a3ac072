import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { agentConfig } from '../../sandbox-agent/src/config.ts';
import { aptArchiveAnswers } from '../../sandbox-agent/src/host/apt-archive-server.ts';

// The offline apt archive listens on all interfaces (its address differs per sandbox bridge); a machine
// on the LAN must not reach it. The LAN is played by a network namespace joined to the host by a veth
// pair that is neither loopback nor a sandbox bridge — no traffic leaves the machine.

const run = promisify(execFile);
const ns = `berth-lan-${process.pid}`;
const hostIf = `blan${process.pid % 100000}h`;
const nsIf = `blan${process.pid % 100000}n`;
const HOST_IP = '198.18.77.1';
const NS_IP = '198.18.77.2';
const ip = (...args: string[]) => run('ip', args);
const inNs = (cmd: string[]) => run('ip', ['netns', 'exec', ns, ...cmd]).then((o) => o.stdout);

// The HTTP status the LAN machine gets, or 000 when nothing answers within 2 s.
const statusFromLan = (url: string) =>
  inNs(['curl', '-s', '-o', '/dev/null', '--max-time', '2', '-w', '%{http_code}', url]).catch(
    (e: { stdout?: string }) => e.stdout || '000',
  );

describe('the apt archive is closed to the LAN', () => {
  const aptPort = agentConfig().BERTH_APT_PORT;
  let control: http.Server;

  before(async () => {
    assert.ok(await aptArchiveAnswers(aptPort), 'the apt archive must be served (./berth images)');
    await ip('netns', 'add', ns);
    await ip('link', 'add', hostIf, 'type', 'veth', 'peer', 'name', nsIf);
    await ip('link', 'set', nsIf, 'netns', ns);
    await ip('addr', 'add', `${HOST_IP}/30`, 'dev', hostIf);
    await ip('link', 'set', hostIf, 'up');
    await inNs(['ip', 'addr', 'add', `${NS_IP}/30`, 'dev', nsIf]);
    await inNs(['ip', 'link', 'set', nsIf, 'up']);
    await inNs(['ip', 'route', 'add', 'default', 'via', HOST_IP]);
    // A plain service on the host, to show the LAN path itself works.
    control = http.createServer((_req, res) => res.end('control'));
    await new Promise<void>((r) => control.listen(0, '0.0.0.0', r));
  });
  after(async () => {
    control?.close();
    await ip('link', 'del', hostIf).catch(() => {});
    await ip('netns', 'del', ns).catch(() => {});
  });

  test('a LAN machine reaches a host service but not the archive, on any host address', async (t) => {
    const controlPort = (control.address() as AddressInfo).port;
    const hostIps = Object.entries(os.networkInterfaces())
      .filter(([name]) => !name.startsWith('bth-') && name !== 'lo')
      .flatMap(([, addrs]) => (addrs ?? []).filter((a) => a.family === 'IPv4').map((a) => a.address));
    const sanity = await statusFromLan(`http://${HOST_IP}:${controlPort}/`);
    assert.equal(sanity, '200', 'sanity: the LAN namespace reaches an ordinary host service');
    const seen: string[] = [];
    for (const addr of hostIps) {
      const status = await statusFromLan(`http://${addr}:${aptPort}/packages.txt`);
      seen.push(`${addr}:${aptPort} → ${status}`);
      assert.equal(status, '000', `the archive answered the LAN on ${addr}`);
    }
    t.diagnostic(
      `tried: GET /packages.txt from a LAN namespace on every host address; saw: ${seen.join(', ')}`,
    );
    assert.equal(await aptArchiveAnswers(aptPort), true, 'loopback still gets the archive');
    t.diagnostic('stopped by: the BERTH-APT guard on INPUT (loopback and bth-* only, DROP otherwise)');
  });
});
