import { z } from 'zod';
import { runExerciseChecks } from '@/server/checks/run-exercise-checks.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { parseLang } from '@/server/lessons/lang.ts';

const body = z.object({ exerciseId: z.string().min(1).max(300), lang: z.string().optional() });

// POST /api/sandboxes/:id/checks {exerciseId}: runs the exercise's checks in the sandbox and records progress.
export const POST = userRoute(body, async ({ user, params, body }) =>
  Response.json(
    await runExerciseChecks({
      user,
      sandboxId: params.id ?? '',
      exerciseId: body.exerciseId,
      lang: parseLang(body.lang),
    }),
  ),
);
