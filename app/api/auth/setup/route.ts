import { setupBodySchema } from '@/contract/instructor-setup.ts';
import { completeInstructorSetup } from '@/server/auth/complete-instructor-setup.ts';
import { sessionCookieHeader } from '@/server/auth/session-cookie.ts';
import { config } from '@/server/config.ts';
import { publicRoute } from '@/server/http/api-route.ts';

// POST /api/auth/setup {token, password}: sets an instructor's password through their one-time setup link
// and signs them in (berth_session cookie) + {user}; 404 for a spent, expired or unknown link.
export const POST = publicRoute(setupBodySchema, async ({ body }) => {
  const { user, token, maxAgeSeconds } = await completeInstructorSetup(body.token, body.password);
  return Response.json(
    { user },
    { headers: { 'set-cookie': sessionCookieHeader(token, config().BERTH_SECURE_COOKIES, maxAgeSeconds) } },
  );
});
