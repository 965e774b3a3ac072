import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wrapWords } from './wrap-words';

test('words move to the next line whole; styling takes no room; wide screens are left alone', () => {
  assert.equal(
    wrapWords('Welcome to \x1b[1mnode1\x1b[0m, a host\r\n', 16),
    'Welcome to\r\n\x1b[1mnode1\x1b[0m, a host\r\n',
  );
  assert.equal(wrapWords('one two three', 80), 'one two three');
  assert.equal(wrapWords('欢迎来到 node1：一台属于你自己的', 10), '欢迎来到\r\nnode1：一台属于你自己的');
});
