import assert from 'node:assert/strict';
import { test } from 'node:test';
import QRCode from 'qrcode';
import { joinQrPath } from './join-qr.ts';

test('the path has one square per dark module of the encoded link', () => {
  const link = 'http://192.168.1.20:3000/join/ABCDE23456';
  const { size, d } = joinQrPath(link);
  const { modules } = QRCode.create(link, { errorCorrectionLevel: 'M' });
  assert.equal(size, modules.size);
  let dark = 0;
  for (let i = 0; i < modules.data.length; i++) dark += modules.data[i] ? 1 : 0;
  assert.equal(d.match(/M\d+ \d+h1v1h-1z/g)?.length, dark);
  // The three finder patterns: the top-left module of each is dark.
  for (const [x, y] of [
    [0, 0],
    [size - 7, 0],
    [0, size - 7],
  ])
    assert.ok(d.includes(`M${x} ${y}h1v1h-1z`), `finder at ${x},${y}`);
});
