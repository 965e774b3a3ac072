import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SANDBOX_STATES } from '../../contract/public-api.ts';
import { canTransition } from './sandbox-state.ts';

test('a sandbox never comes back from stopped', () => {
  for (const to of SANDBOX_STATES) assert.equal(canTransition('stopped', to), false, `stopped → ${to}`);
});

test('the happy path and the failure paths are allowed', () => {
  assert.ok(canTransition('starting', 'ready'));
  assert.ok(canTransition('ready', 'stopping'));
  assert.ok(canTransition('stopping', 'stopped'));
  assert.ok(canTransition('starting', 'failed'));
  assert.ok(canTransition('failed', 'stopped'));
  assert.equal(canTransition('ready', 'starting'), false);
  assert.equal(canTransition('stopping', 'ready'), false);
});
