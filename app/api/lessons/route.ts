import { publicRoute } from '@/server/http/api-route.ts';
import { getCatalog } from '@/server/lessons/get-catalog.ts';
import { parseLang } from '@/server/lessons/lang.ts';

export const dynamic = 'force-dynamic';

// GET /api/lessons?lang=en|zh: the course catalog.
export const GET = publicRoute(undefined, async ({ req }) =>
  Response.json(await getCatalog(parseLang(new URL(req.url).searchParams.get('lang')))),
);
