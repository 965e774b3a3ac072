import { endSession } from '@/server/auth/end-session.ts';
import { clearSessionCookieHeader, readCookie, SESSION_COOKIE } from '@/server/auth/session-cookie.ts';
import { config } from '@/server/config.ts';
import { publicRoute } from '@/server/http/api-route.ts';

// POST /api/auth/logout: ends this session (instructor or learner) and clears the cookie; 204 either way.
export const POST = publicRoute(undefined, async ({ req }) => {
  await endSession(readCookie(req.headers.get('cookie'), SESSION_COOKIE));
  return new Response(null, {
    status: 204,
    headers: { 'set-cookie': clearSessionCookieHeader(config().BERTH_SECURE_COOKIES) },
  });
});
