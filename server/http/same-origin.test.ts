import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { isAllowedOrigin } from './same-origin.ts';

describe('isAllowedOrigin', () => {
  test('Berth’s own origin, as named by the Host header, is allowed', () => {
    assert.equal(isAllowedOrigin('http://localhost:3000', 'localhost:3000', []), true);
    assert.equal(isAllowedOrigin('https://berth.school.example', 'berth.school.example', []), true);
    assert.equal(isAllowedOrigin('https://berth.school.example', 'berth.school.example:443', []), true);
  });

  test('no Origin (curl, agents) is allowed: no browser page made the request', () => {
    assert.equal(isAllowedOrigin(undefined, 'localhost:3000', []), true);
    assert.equal(isAllowedOrigin(null, 'localhost:3000', []), true);
  });

  test('another port, a sibling subdomain, another scheme on the same port and "null" are refused', () => {
    assert.equal(isAllowedOrigin('http://localhost:8080', 'localhost:3000', []), false);
    assert.equal(isAllowedOrigin('http://127.0.0.1:3000', 'localhost:3000', []), false);
    assert.equal(isAllowedOrigin('https://evil.school.example', 'berth.school.example', []), false);
    assert.equal(isAllowedOrigin('null', 'localhost:3000', []), false);
    assert.equal(isAllowedOrigin('chrome-extension://abc', 'abc', []), false);
    assert.equal(isAllowedOrigin('http://localhost:3000', undefined, []), false);
  });

  test('BERTH_ALLOWED_ORIGINS admits a public address a proxy hides behind another Host', () => {
    const allowed = ['https://berth.school.example'];
    assert.equal(isAllowedOrigin('https://berth.school.example', '10.0.0.5:3000', allowed), true);
    assert.equal(isAllowedOrigin('http://berth.school.example', '10.0.0.5:3000', allowed), false);
  });

  test('the preview origin is refused even when a proxy gives it Berth’s Host', () => {
    const preview = 'https://preview.school.example';
    assert.equal(isAllowedOrigin(preview, 'preview.school.example', [], preview), false);
    assert.equal(isAllowedOrigin(preview, 'berth.school.example', [], preview), false);
    assert.equal(isAllowedOrigin('https://berth.school.example', 'berth.school.example', [], preview), true);
  });
});
