import { z } from 'zod';
import { createGuestSession } from '@/server/auth/create-guest-session.ts';
import { sessionCookieHeader } from '@/server/auth/session-cookie.ts';
import { config } from '@/server/config.ts';
import { publicRoute } from '@/server/http/api-route.ts';

const body = z.object({
  name: z.string().trim().min(1, 'name is required').max(40, 'name is at most 40 characters'),
});

// POST /api/auth/guest {name}: starts a guest learner session (sets the berth_session cookie).
export const POST = publicRoute(body, async ({ body }) => {
  const { user, token } = await createGuestSession(body.name);
  return Response.json(
    { user },
    { status: 201, headers: { 'set-cookie': sessionCookieHeader(token, config().BERTH_SECURE_COOKIES) } },
  );
});
