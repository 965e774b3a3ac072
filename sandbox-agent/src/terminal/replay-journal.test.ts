import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ReplayJournal } from './replay-journal.ts';

const tmpFile = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'journal-')), 'terminal-node1.jsonl');

test('chunks written by one agent are loaded by the next; a torn last line is skipped', () => {
  const file = tmpFile();
  const j = new ReplayJournal(file, 1024);
  j.append({ seq: 1, data: 'one\r\n' });
  const second = { seq: 2, data: 'two "quoted" \u001b[0m\r\n' };
  // As the session writes it: the data frame it already encoded for its clients.
  j.append(second, JSON.stringify({ type: 'data', ...second }));
  j.close();
  fs.appendFileSync(file, '{"seq":3,"da'); // the agent died mid-write
  assert.deepEqual(new ReplayJournal(file, 1024).load(), [
    { seq: 1, data: 'one\r\n' },
    { seq: 2, data: 'two "quoted" \u001b[0m\r\n' },
  ]);
});

test('a missing journal loads as empty; the file is compacted to the buffer once it grows', () => {
  const file = tmpFile();
  const j = new ReplayJournal(file, 100);
  assert.deepEqual(j.load(), []);
  for (let seq = 1; seq <= 20; seq++) j.append({ seq, data: 'x'.repeat(30) });
  j.compactIfLarge(() => [{ seq: 20, data: 'x'.repeat(30) }]);
  j.append({ seq: 21, data: 'after' });
  j.close();
  assert.deepEqual(
    j.load().map((c) => c.seq),
    [20, 21],
  );
});
