import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/auth/me: the signed-in user, or 401.
export const GET = userRoute(undefined, async ({ user }) => Response.json({ user }));
