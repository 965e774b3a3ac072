import { z } from 'zod';
import { exerciseIdSchema } from '@/contract/ids.ts';
import { answerQuiz } from '@/server/checks/answer-quiz.ts';
import { userRoute } from '@/server/http/api-route.ts';
import { parseLang } from '@/server/lessons/lang.ts';

const body = z.object({
  exerciseId: exerciseIdSchema,
  answers: z.record(z.string(), z.unknown()),
  lang: z.string().optional(),
});

// POST /api/answers {exerciseId, answers}: a pure quiz's answers, checked without a sandbox and recorded in
// progress; the same result as POST /api/sandboxes/:id/checks.
export const POST = userRoute(body, async ({ user, body }) =>
  Response.json(
    await answerQuiz({
      user,
      exerciseId: body.exerciseId,
      answers: body.answers,
      lang: parseLang(body.lang),
    }),
  ),
);
