import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { demuxDockerLogs } from './docker-log-stream.ts';
import { tarFirstFile } from './tar-first-file.ts';

const frame = (stream: number, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

test('container logs are split into stdout and stderr; a TTY stream is stdout', () => {
  const raw = Buffer.concat([frame(1, 'Hello, '), frame(2, 'oops\n'), frame(1, 'Berth — 你好\n')]);
  assert.deepEqual(demuxDockerLogs(raw, false), { stdout: 'Hello, Berth — 你好\n', stderr: 'oops\n' });
  assert.deepEqual(demuxDockerLogs(Buffer.from('Hello\r\n'), true), { stdout: 'Hello\r\n', stderr: '' });
  // A frame cut short (the answer was capped) keeps what arrived whole.
  assert.deepEqual(demuxDockerLogs(raw.subarray(0, raw.length - 3), false).stderr, 'oops\n');
});

test('the first regular file of a tar archive, as the archive API sends it', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-tar-'));
  try {
    fs.mkdirSync(path.join(dir, 'd'));
    fs.writeFileSync(path.join(dir, 'd', 'snapshot.txt'), 'exported\n');
    const long = `${'x'.repeat(120)}.txt`;
    fs.writeFileSync(path.join(dir, long), 'long name\n');
    const tar = (...args: string[]) => execFileSync('tar', ['-C', dir, '-c', ...args]);
    assert.equal(tarFirstFile(tar('d'))?.toString(), 'exported\n');
    assert.equal(tarFirstFile(tar('--format=pax', long))?.toString(), 'long name\n');
    assert.equal(tarFirstFile(tar('--format=gnu', long))?.toString(), 'long name\n');
    assert.equal(tarFirstFile(tar('--no-recursion', 'd')), undefined);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
