import assert from 'node:assert/strict';
import type { BareControlPlane } from './control-plane-harness.ts';

// The people of a classroom for tests on a running control plane: an instructor (added as the CLI does,
// signed in over HTTP), their classroom, and learners who join it by code over HTTP.
export const TEST_PASSWORD = 'correct horse battery staple';

export async function signInInstructor(cp: BareControlPlane, email: string): Promise<string> {
  const { addInstructor } = await import('../../server/auth/add-instructor.ts');
  await addInstructor(email, TEST_PASSWORD);
  const r = await fetch(`${cp.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  assert.equal(r.status, 200, await r.text());
  assert.ok(cookie);
  return cookie;
}

export async function createTestClassroom(
  cp: BareControlPlane,
  instructor: string,
  lessonIds: string[],
): Promise<{ id: string; joinCode: string }> {
  const r = await cp.call('POST', '/api/classrooms', {
    cookie: instructor,
    body: { title: 'Live class', lessonIds },
  });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  return r.json;
}

export async function joinAsLearner(
  cp: BareControlPlane,
  joinCode: string,
  name: string,
): Promise<{ cookie: string; id: string }> {
  const r = await fetch(`${cp.baseUrl}/api/classrooms/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: joinCode, name }),
  });
  const json = await r.json();
  assert.equal(r.status, 201, JSON.stringify(json));
  const cookie = r.headers.get('set-cookie')?.split(';')[0];
  assert.ok(cookie);
  return { cookie, id: json.user.id };
}
