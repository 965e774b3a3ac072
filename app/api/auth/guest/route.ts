import { z } from 'zod';
import { guestNameSchema } from '@/contract/public-api.ts';
import { createGuestSession } from '@/server/auth/create-guest-session.ts';
import { sessionCookieHeader } from '@/server/auth/session-cookie.ts';
import { config } from '@/server/config.ts';
import { publicRoute } from '@/server/http/api-route.ts';
import { clientAddress } from '@/server/http/client-address.ts';

const body = z.object({
  name: guestNameSchema,
});

// POST /api/auth/guest {name}: starts a guest learner session (sets the berth_session cookie); 429 when this
// address signed in too many guests lately.
export const POST = publicRoute(body, async ({ req, body }) => {
  const { user, token } = await createGuestSession(body.name, clientAddress(req));
  return Response.json(
    { user },
    { status: 201, headers: { 'set-cookie': sessionCookieHeader(token, config().BERTH_SECURE_COOKIES) } },
  );
});
