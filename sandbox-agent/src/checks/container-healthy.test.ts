import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderCheckMessage } from '../../../contract/check-messages.ts';
import { assertionSchema } from '../../../contract/checks.ts';
import { healthOutcome } from './container-healthy.ts';
import { containerInspectSchema } from './inner-engine.ts';

// The State part of `docker inspect` as Docker 26 writes it, read the way container_healthy reads it
// (test/integration/check-assertions.test.ts checks the same against a real engine).
const state = (s: Record<string, unknown>) =>
  containerInspectSchema.parse({ Name: '/web', State: s, NetworkSettings: {} }).State;
const say = (s: Record<string, unknown>) => {
  const o = healthOutcome('web', state(s));
  return {
    passed: o.passed,
    en: renderCheckMessage(o.finding, 'en'),
    zh: renderCheckMessage(o.finding, 'zh'),
  };
};

test('healthy passes; starting, unhealthy and no health check each say what is wrong', () => {
  const log = [{ Start: 'x', End: 'y', ExitCode: 0, Output: 'ok' }];
  const running = { Running: true, Status: 'running' };
  assert.deepEqual(say({ ...running, Health: { Status: 'healthy', FailingStreak: 0, Log: log } }), {
    passed: true,
    en: 'Container "web" is healthy.',
    zh: '容器 "web" 的状态是 healthy。',
  });
  const starting = say({ ...running, Health: { Status: 'starting', FailingStreak: 0, Log: null } });
  assert.equal(starting.passed, false);
  assert.match(starting.en, /still starting.*Wait a few seconds/);
  const failed = [...log, { ExitCode: 7, Output: 'curl: (7) Failed to connect\n' }];
  const unhealthy = say({ ...running, Health: { Status: 'unhealthy', FailingStreak: 3, Log: failed } });
  assert.equal(unhealthy.passed, false);
  assert.equal(
    unhealthy.en,
    'Container "web" is unhealthy: its health check failed 3 time(s) in a row (last exit code 7: curl: (7) Failed to connect).',
  );
  assert.match(unhealthy.zh, /连续失败了 3 次/);
  const none = say(running);
  assert.equal(none.passed, false);
  assert.match(none.en, /has no health check/);
  const stopped = say({
    Running: false,
    Status: 'exited',
    Health: { Status: 'unhealthy', FailingStreak: 0 },
  });
  assert.equal(stopped.passed, false);
  assert.match(stopped.en, /is exited, not running/);
});

test('file_absent takes at most one of container, volume, image; container_healthy needs a name', () => {
  const ok = { type: 'file_absent', image: 'web:ctx', path: '/usr/share/nginx/html/draft.html' };
  assert.equal(assertionSchema.safeParse(ok).success, true);
  assert.equal(assertionSchema.safeParse({ ...ok, volume: 'v' }).success, false);
  assert.equal(assertionSchema.safeParse({ ...ok, path: 'draft.html' }).success, false);
  assert.equal(assertionSchema.safeParse({ ...ok, includes: 'x' }).success, false);
  assert.equal(assertionSchema.safeParse({ type: 'container_healthy', name: 'web' }).success, true);
  assert.equal(assertionSchema.safeParse({ type: 'container_healthy' }).success, false);
});
