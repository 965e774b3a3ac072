import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { test } from 'node:test';
import { nxdomainAnswer, sandboxDnsAnswer, startSandboxDns } from './sandbox-dns.ts';
import { sandboxGatewayFor } from './sandbox-gateway.ts';

// A query for registry-1.docker.io (A, IN, RD set) with an EDNS OPT record, as Go's resolver sends it.
function query(labels = ['registry-1', 'docker', 'io'], type = 1): Buffer {
  const name = Buffer.concat([
    ...labels.map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);
  const header = Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1]);
  const opt = Buffer.from([0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, name, Buffer.from([0, type, 0, 1]), opt]);
}

test('answers NXDOMAIN with the question echoed and nothing else', () => {
  const q = query();
  const a = nxdomainAnswer(q)!;
  assert.equal(a.readUInt16BE(0), 0x1234, 'same id');
  assert.equal(a[2]! & 0x80, 0x80, 'QR set');
  assert.equal(a[2]! & 0x01, 0x01, 'RD kept');
  assert.equal(a[3]! & 0x0f, 3, 'NXDOMAIN');
  assert.deepEqual(
    [a.readUInt16BE(4), a.readUInt16BE(6), a.readUInt16BE(8), a.readUInt16BE(10)],
    [1, 0, 0, 0],
  );
  assert.equal(a.length, q.length - 11, 'the OPT record is dropped');
});

test('ignores malformed packets and responses', () => {
  assert.equal(nxdomainAnswer(Buffer.alloc(5)), undefined);
  const truncated = query().subarray(0, 20);
  assert.equal(nxdomainAnswer(truncated), undefined);
  const response = query();
  response[2] = 0x81;
  assert.equal(nxdomainAnswer(response), undefined, 'never answers an answer (no loops)');
});

test('serves over UDP', async () => {
  const server = await startSandboxDns(0);
  const port = server.address().port;
  const client = dgram.createSocket('udp4');
  try {
    const reply = await new Promise<Buffer>((resolve) => {
      client.once('message', resolve);
      client.send(query(), port, '127.0.0.1');
    });
    assert.equal(reply[3]! & 0x0f, 3);
  } finally {
    client.close();
    server.close();
  }
});

test('berth-apt is the asking sandbox gateway (A), has no other records, and is unknown elsewhere', () => {
  const a = sandboxDnsAnswer(query(['Berth-Apt']), '10.210.3.1')!;
  assert.equal(a[3]! & 0x0f, 0, 'NOERROR');
  assert.equal(a.readUInt16BE(6), 1, 'one answer');
  assert.deepEqual([...a.subarray(a.length - 4)], [10, 210, 3, 1]);
  assert.equal(a.readUInt16BE(a.length - 6), 4, 'RDLENGTH');
  const aaaa = sandboxDnsAnswer(query(['berth-apt'], 28), '10.210.3.1')!;
  assert.deepEqual([aaaa[3]! & 0x0f, aaaa.readUInt16BE(6)], [0, 0], 'AAAA: no data, not NXDOMAIN');
  const outside = sandboxDnsAnswer(query(['berth-apt']), undefined)!;
  assert.equal(outside[3]! & 0x0f, 3, 'not a sandbox: NXDOMAIN');
  const other = sandboxDnsAnswer(query(['berth-apt', 'example', 'com']), '10.210.3.1')!;
  assert.equal(other[3]! & 0x0f, 3, 'only the bare name');
});

test('the gateway is the sandbox bridge address whose subnet holds the source', () => {
  const iface = (address: string, cidr: string) => ({
    address,
    cidr,
    family: 'IPv4' as const,
    netmask: '',
    mac: '',
    internal: false,
  });
  const interfaces = {
    eth0: [iface('192.168.1.5', '192.168.1.5/24')],
    'bth-aaaa': [iface('10.210.0.1', '10.210.0.1/24')],
    'bth-bbbb': [iface('10.210.1.1', '10.210.1.1/24')],
  };
  assert.equal(sandboxGatewayFor('10.210.1.7', interfaces), '10.210.1.1');
  assert.equal(sandboxGatewayFor('10.210.0.2', interfaces), '10.210.0.1');
  assert.equal(sandboxGatewayFor('192.168.1.9', interfaces), undefined, 'the LAN is not a sandbox');
  assert.equal(sandboxGatewayFor('127.0.0.1', interfaces), undefined);
  assert.equal(sandboxGatewayFor('::1', interfaces), undefined);
});
