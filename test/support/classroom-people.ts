import assert from 'node:assert/strict';

// The people of a classroom for tests on a running control plane (in-process or the real web server): an
// instructor (added to the database as the CLI does, signed in over HTTP), their classroom, and learners who
// join it by code over HTTP.

/** Where Berth answers. */
interface Berth {
  baseUrl: string;
}
export const TEST_PASSWORD = 'correct horse battery staple';

export async function signInInstructor(cp: Berth, email: string): Promise<string> {
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
  cp: Berth,
  instructor: string,
  lessonIds: string[],
): Promise<{ id: string; joinCode: string }> {
  const r = await fetch(`${cp.baseUrl}/api/classrooms`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie: instructor },
    body: JSON.stringify({ title: 'Live class', lessonIds }),
  });
  const json = await r.json();
  assert.equal(r.status, 201, JSON.stringify(json));
  return json;
}

export async function joinAsLearner(
  cp: Berth,
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
