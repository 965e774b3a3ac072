import assert from 'node:assert/strict';
import dgram from 'node:dgram';
import { test } from 'node:test';
import { nxdomainAnswer, startSandboxDns } from './sandbox-dns.ts';

// A query for registry-1.docker.io (A, IN, RD set) with an EDNS OPT record, as Go's resolver sends it.
function query(): Buffer {
  const name = Buffer.concat([
    ...['registry-1', 'docker', 'io'].map((l) => Buffer.concat([Buffer.from([l.length]), Buffer.from(l)])),
    Buffer.from([0]),
  ]);
  const header = Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 1]);
  const opt = Buffer.from([0, 0, 41, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, name, Buffer.from([0, 1, 0, 1]), opt]);
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
