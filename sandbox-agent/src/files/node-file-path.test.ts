import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkNodePath } from './node-file-path.ts';

test('paths under /root and /tmp are normalised and allowed', () => {
  assert.equal(checkNodePath('/root/mynginx/Dockerfile'), '/root/mynginx/Dockerfile');
  assert.equal(checkNodePath('/root//a/./b/'), '/root/a/b');
  assert.equal(checkNodePath('/tmp'), '/tmp');
  assert.equal(checkNodePath('/root'), '/root');
});

test('traversal, relative paths, NUL and other roots are refused', () => {
  for (const p of ['/etc/passwd', '/root/../etc/shadow', 'root/x', '/rootkit/x', '/root/a\0b', '/', '']) {
    assert.throws(() => checkNodePath(p), { code: 'validation_failed' }, p);
  }
});
