import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../server/config.ts';
import { db } from '../../server/db/client.ts';
import { type ControlPlane, startControlPlane, waitForState } from '../support/control-plane-harness.ts';
import { type Reply, requestFrom } from '../support/request-from.ts';

// Per-address limits on guest sign-ins and sandbox starts (and per learner on starts), on the real routes
// with real Redis counters and a real sandbox engine. Requests come from chosen loopback addresses
// (127.0.0.x): the server takes the TCP peer, never a header the client sends.

const LESSON = 'networking/container-links';
let cp: ControlPlane;

function send(method: string, path: string, from: string, opts: { body?: unknown; cookie?: string } = {}) {
  return requestFrom(cp.baseUrl, method, path, { ...opts, from });
}

async function guest(name: string, from: string): Promise<string> {
  const r = await send('POST', '/api/auth/guest', from, { body: { name } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.cookie!;
}

function assertLimited(r: Reply, message: RegExp): void {
  assert.equal(r.status, 429, JSON.stringify(r.json));
  assert.equal(r.json.error.code, 'rate_limited');
  assert.match(r.json.error.message, message);
  assert.match(r.json.error.message, /Try again in \d+ minute/);
  const seconds = Number(r.retryAfter);
  // Within the window: 900 s for sign-ins (BERTH_AUTH_WINDOW_SECONDS), 600 s for starts.
  assert.ok(seconds > 0 && seconds <= 900, `Retry-After: ${r.retryAfter}`);
}

before(async () => {
  cp = await startControlPlane({
    BERTH_GUEST_SIGN_INS_PER_ADDRESS: '3',
    BERTH_STARTS_PER_ADDRESS: '3',
    BERTH_STARTS_PER_USER: '2',
    BERTH_START_WINDOW_SECONDS: '600',
  });
});
after(async () => {
  await cp?.stop();
});

describe('rate limits per address', () => {
  test('the defaults leave room for a class of 30 behind one address', () => {
    const c = loadConfig({} as NodeJS.ProcessEnv);
    assert.ok(c.BERTH_GUEST_SIGN_INS_PER_ADDRESS >= 2 * 30, 'every learner signs in twice');
    assert.ok(c.BERTH_STARTS_PER_ADDRESS >= 3 * 30, 'every learner starts three sandboxes');
    assert.ok(c.BERTH_JOINS_PER_ADDRESS >= 2 * 30);
  });

  test('guest sign-ins: past the budget of one address 429 with Retry-After; other addresses go on', async () => {
    for (let i = 0; i < 3; i++) await guest(`G${i}`, '127.0.0.2');
    const refused = await send('POST', '/api/auth/guest', '127.0.0.2', { body: { name: 'G3' } });
    assertLimited(refused, /Too many guest sign-ins from your network/);
    assert.equal(refused.cookie, undefined, 'no session');
    assert.equal(await db().user.count({ where: { name: 'G3' } }), 0);
    await guest('G3', '127.0.0.3');
  });

  test('starts: the live sandbox returned again is free; new ones count per learner and per address', async () => {
    const from = '127.0.0.4';
    const ada = await guest('Ada', from);
    const start = (cookie: string, at = from) =>
      send('POST', '/api/sandboxes', at, { cookie, body: { lessonId: LESSON } });
    const startAndStop = async (cookie: string, at = from) => {
      const r = await start(cookie, at);
      assert.equal(r.status, 201, JSON.stringify(r.json));
      await waitForState(cp, cookie, r.json.id, 'ready', 120_000);
      // Every lesson page asks again: the live sandbox comes back and is not a start.
      for (let i = 0; i < 4; i++) assert.equal((await start(cookie, at)).status, 200);
      assert.equal((await send('DELETE', `/api/sandboxes/${r.json.id}`, at, { cookie })).status, 200);
    };
    await startAndStop(ada);
    await startAndStop(ada);
    const third = await start(ada);
    assertLimited(third, /You started too many sandboxes/);
    const adaUser = await db().user.findFirstOrThrow({ where: { name: 'Ada' } });
    assert.equal(await db().sandbox.count({ where: { userId: adaUser.id } }), 2, 'no sandbox was made');

    const bob = await guest('Bob', '127.0.0.5');
    await startAndStop(bob); // the address's third start
    const cy = await guest('Cy', '127.0.0.5');
    assertLimited(await start(cy), /Too many sandboxes were started from your network/);
    await startAndStop(cy, '127.0.0.6');
  });
});
