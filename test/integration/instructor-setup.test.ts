import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { hashSessionToken } from '../../server/auth/session-cookie.ts';
import { db } from '../../server/db/client.ts';
import { runBerth } from '../support/berth-cli.ts';
import { type BareControlPlane, startBareControlPlane } from '../support/control-plane-harness.ts';

// `./berth instructors add <email>` without --password-stdin: the real CLI prints a one-time setup link,
// whose token the real route (POST /api/auth/setup) spends once, within 24 h, on a migrated database.

const PASSWORD = 'a brand new long password';
let cp: BareControlPlane;

function cli(...args: string[]) {
  return runBerth(['instructors', ...args], {
    env: { ...process.env, BERTH_PUBLIC_URL: 'https://berth.school.example' },
  });
}

async function setupLink(email: string): Promise<string> {
  const r = await cli('add', email);
  assert.equal(r.code, 0, r.out);
  const m = r.out.match(/https:\/\/berth\.school\.example\/setup\/([A-Za-z0-9_-]{43})\n/);
  assert.ok(m, r.out);
  assert.match(r.out, /works once, for 24 hours/);
  return m[1]!;
}

function setup(token: string, password = PASSWORD) {
  return fetch(`${cp.baseUrl}/api/auth/setup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token, password }),
  });
}

function login(email: string, password = PASSWORD) {
  return fetch(`${cp.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

before(async () => {
  cp = await startBareControlPlane();
});
after(async () => {
  await cp?.stop();
});

describe('one-time instructor setup links', () => {
  test('the link makes an instructor without a password; using it sets one and signs them in', async () => {
    const token = await setupLink('new@example.test');
    const row = await db().user.findUniqueOrThrow({ where: { email: 'new@example.test' } });
    assert.equal(row.role, 'instructor');
    assert.equal(row.passwordHash, null);
    assert.equal((await login('new@example.test', '')).status, 422);
    assert.equal((await login('new@example.test', 'anything at all')).status, 401, 'no password yet');
    const stored = await db().instructorSetupToken.findFirstOrThrow({ where: { userId: row.id } });
    assert.equal(stored.tokenHash, hashSessionToken(token), 'only a hash is stored');
    const hours = (stored.expiresAt.getTime() - Date.now()) / 3600_000;
    assert.ok(hours > 23.9 && hours <= 24, `expires in ${hours} h`);

    const short = await setup(token, 'too short');
    assert.equal(short.status, 422, 'the same 12-character minimum as the CLI');
    const res = await setup(token);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { user: { role: string } }).user.role, 'instructor');
    const cookie = res.headers.get('set-cookie') ?? '';
    assert.match(cookie, /^berth_session=[^;]+; Path=\/; HttpOnly; SameSite=Lax; Max-Age=43200/);
    const me = await cp.call('GET', '/api/auth/me', { cookie: cookie.split(';')[0] });
    assert.equal(me.json.user.role, 'instructor');
    assert.equal((await login('new@example.test')).status, 200);
  });

  test('a link works once', async () => {
    const token = await setupLink('once@example.test');
    assert.equal((await setup(token)).status, 200);
    const again = await setup(token, 'an attacker’s other password');
    assert.equal(again.status, 404);
    assert.match(((await again.json()) as { error: { message: string } }).error.message, /already used/);
    assert.equal((await login('once@example.test', 'an attacker’s other password')).status, 401);
    assert.equal((await login('once@example.test')).status, 200);
  });

  test('a link expires after 24 hours, and a newer link replaces an unused one', async () => {
    const old = await setupLink('late@example.test');
    const token = await setupLink('late@example.test');
    assert.equal((await setup(old)).status, 404, 'replaced by the newer link');
    await db().instructorSetupToken.update({
      where: { tokenHash: hashSessionToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    assert.equal((await setup(token)).status, 404);
    assert.equal((await login('late@example.test')).status, 401);
  });

  test('for an existing instructor it resets the password and ends their sessions; made-up links get 404', async () => {
    const token = await setupLink('new@example.test');
    const signedIn = (await login('new@example.test')).headers.get('set-cookie')!.split(';')[0]!;
    assert.equal(
      (await login('new@example.test')).status,
      200,
      'the old password works until the link is used',
    );
    assert.equal((await setup(token, 'the replacement password')).status, 200);
    assert.equal(
      (await cp.call('GET', '/api/auth/me', { cookie: signedIn })).status,
      401,
      'old sessions end',
    );
    assert.equal((await login('new@example.test')).status, 401);
    assert.equal((await login('new@example.test', 'the replacement password')).status, 200);

    assert.equal((await setup('A'.repeat(43))).status, 404);
    assert.equal((await setup('not-a-token')).status, 422);
  });

  test('the CLI still refuses a password anywhere but stdin', async () => {
    const r = await cli('add', 'x@example.test', '--password', 'hunter2hunter2');
    assert.notEqual(r.code, 0);
    assert.match(r.out, /usage: \.\/berth instructors add <email> \[--password-stdin\]/);
    assert.equal(await db().user.count({ where: { email: 'x@example.test' } }), 0);
  });
});
