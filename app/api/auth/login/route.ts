import { loginBodySchema } from '@/contract/classrooms.ts';
import { sessionCookieHeader } from '@/server/auth/session-cookie.ts';
import { signInInstructor } from '@/server/auth/sign-in-instructor.ts';
import { config } from '@/server/config.ts';
import { publicRoute } from '@/server/http/api-route.ts';
import { clientAddress } from '@/server/http/client-address.ts';

// POST /api/auth/login {email,password}: an instructor session (berth_session cookie); 401 wrong pair, 429 limited.
export const POST = publicRoute(loginBodySchema, async ({ req, body }) => {
  const { user, token, maxAgeSeconds } = await signInInstructor(
    body.email,
    body.password,
    clientAddress(req),
  );
  return Response.json(
    { user },
    { headers: { 'set-cookie': sessionCookieHeader(token, config().BERTH_SECURE_COOKIES, maxAgeSeconds) } },
  );
});
