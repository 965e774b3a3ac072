import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReplayBuffer } from './replay-buffer.ts';

test('returns only chunks after lastSeq', () => {
  const b = new ReplayBuffer(100);
  for (let i = 1; i <= 5; i++) b.push({ seq: i, data: `c${i}` });
  assert.deepEqual(
    b.since(3).map((c) => c.seq),
    [4, 5],
  );
  assert.deepEqual(
    b.since(0).map((c) => c.seq),
    [1, 2, 3, 4, 5],
  );
  assert.equal(b.since(5).length, 0);
});

test('trims oldest whole chunks to stay within the byte cap', () => {
  const b = new ReplayBuffer(10);
  b.push({ seq: 1, data: 'aaaa' });
  b.push({ seq: 2, data: 'bbbb' });
  b.push({ seq: 3, data: 'cccc' });
  assert.equal(b.bytes, 8);
  assert.deepEqual(
    b.since(0).map((c) => c.data),
    ['bbbb', 'cccc'],
  );
});

test('keeps a single oversized newest chunk rather than nothing', () => {
  const b = new ReplayBuffer(4);
  b.push({ seq: 1, data: 'aa' });
  b.push({ seq: 2, data: 'x'.repeat(50) });
  assert.deepEqual(
    b.since(0).map((c) => c.seq),
    [2],
  );
});

test('memory stays bounded under a flood', () => {
  const b = new ReplayBuffer(64 * 1024);
  for (let i = 1; i <= 10_000; i++) b.push({ seq: i, data: 'y\n'.repeat(512) });
  assert.ok(b.bytes <= 64 * 1024);
  assert.equal(b.since(9_999)[0]?.seq, 10_000);
});
