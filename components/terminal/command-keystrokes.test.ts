import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandKeystrokes } from './command-keystrokes';

test('a command is typed on a cleared line and entered; a block line by line', () => {
  assert.equal(commandKeystrokes('docker network ls'), '\x05\x15docker network ls\r');
  assert.equal(commandKeystrokes('cd /tmp\r\nls -l\n'), '\x05\x15cd /tmp\rls -l\r');
});
