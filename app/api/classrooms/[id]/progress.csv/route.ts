import { getClassroomProgress } from '@/server/classrooms/classroom-progress.ts';
import { progressCsv } from '@/server/classrooms/progress-csv.ts';
import { userRoute } from '@/server/http/api-route.ts';

export const dynamic = 'force-dynamic';

// GET /api/classrooms/:id/progress.csv: one row per learner and exercise, formula-looking cells neutralised.
export const GET = userRoute(undefined, async ({ user, params }) => {
  const csv = progressCsv(await getClassroomProgress(user, params.id!));
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="classroom-${params.id}-progress.csv"`,
    },
  });
});
