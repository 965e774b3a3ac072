import { z } from 'zod';
import { exerciseIdSchema } from '@/contract/ids.ts';
import { runExerciseChecks } from '@/server/checks/run-exercise-checks.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { parseLang } from '@/server/lessons/lang.ts';

// `answers` is checked against the exercise's questions (server/checks/parse-answers.ts): a 400 says which.
const body = z.object({
  exerciseId: exerciseIdSchema,
  answers: z.record(z.string(), z.unknown()).optional(),
  lang: z.string().optional(),
});

// POST /api/sandboxes/:id/checks {exerciseId, answers?}: runs the exercise's checks in the sandbox, compares
// the learner's answers, and records progress.
export const POST = userRoute(body, async ({ user, params, body }) =>
  Response.json(
    await runExerciseChecks({
      user,
      sandboxId: params.id ?? '',
      exerciseId: body.exerciseId,
      answers: body.answers,
      lang: parseLang(body.lang),
    }),
  ),
);
