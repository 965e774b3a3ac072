import { z } from 'zod';
import { exerciseIdSchema } from '@/contract/ids.ts';
import { runExerciseChecks } from '@/server/checks/run-exercise-checks.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { parseLang } from '@/server/lessons/lang.ts';

const body = z.object({ exerciseId: exerciseIdSchema, lang: z.string().optional() });

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
