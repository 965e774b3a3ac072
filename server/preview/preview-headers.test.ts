import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cookieWithoutBerth, rewriteLocation, rewriteSetCookies } from './preview-headers.ts';
import { parsePreviewPath } from './preview-path.ts';

const PREFIX = '/preview/sbx_abc123/node1/8080';

test("Berth's cookies are taken out, the learner's own cookies stay", () => {
  assert.equal(cookieWithoutBerth('berth_session=secret'), undefined);
  assert.equal(cookieWithoutBerth('berth_preview=grant; x=1; berth_lang=zh'), 'x=1');
  assert.equal(cookieWithoutBerth('a=1; berth_session=secret; b=2'), 'a=1; b=2');
  assert.equal(cookieWithoutBerth(' berth_session = secret ;theme=dark'), 'theme=dark');
  assert.equal(cookieWithoutBerth(undefined), undefined);
});

test('redirects of the learner server stay under the preview prefix', () => {
  assert.equal(rewriteLocation('/docs/', PREFIX, 'localhost:3000'), `${PREFIX}/docs/`);
  assert.equal(rewriteLocation('http://localhost:3000/a?b=1', PREFIX, 'localhost:3000'), `${PREFIX}/a?b=1`);
  assert.equal(rewriteLocation(`${PREFIX}/already`, PREFIX, 'localhost:3000'), `${PREFIX}/already`);
  assert.equal(rewriteLocation('next.html', PREFIX, 'localhost:3000'), 'next.html');
  assert.equal(rewriteLocation('https://example.org/x', PREFIX, 'localhost:3000'), 'https://example.org/x');
  assert.equal(rewriteLocation('//example.org/x', PREFIX, 'localhost:3000'), '//example.org/x');
});

test('cookies of the learner server are scoped to its prefix and cannot replace the session', () => {
  assert.deepEqual(
    rewriteSetCookies(
      [
        'sid=1; Path=/; HttpOnly',
        'berth_session=evil; Path=/',
        'berth_preview=evil',
        'x=2',
        'y=3; path=/app; Secure',
      ],
      PREFIX,
    ),
    [`sid=1; Path=${PREFIX}/; HttpOnly`, 'x=2', `y=3; Path=${PREFIX}/app; Secure`],
  );
});

test('preview paths are parsed strictly', () => {
  assert.deepEqual(parsePreviewPath('/preview/sbx_abc123/node1/8080/a/b?c=d'), {
    sandboxId: 'sbx_abc123',
    node: 'node1',
    port: 8080,
    prefix: PREFIX,
    rest: '/a/b?c=d',
  });
  assert.equal(parsePreviewPath('/preview/sbx_abc123/node1/8080')?.rest, undefined);
  assert.equal(parsePreviewPath('/preview/sbx_abc123/node1/8080?x=1')?.rest, undefined);
  for (const bad of [
    '/preview/sbx_abc123/node9/8080/',
    '/preview/sbx_abc123/node1/70000/',
    '/preview/SBX/node1/80/',
    '/preview/sbx_abc123/node1/0/',
    '/preview/sbx_abc123/node1/080/',
    '/preview/sbx_abc123/node1/',
    '/previewx/sbx_abc123/node1/80/',
  ]) {
    assert.equal(parsePreviewPath(bad), undefined, bad);
  }
});
