import type { CheckResult } from '../../contract/check-result.ts';
import { BerthError } from '../../contract/errors.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { getExercise } from '../lessons/get-exercise.ts';
import type { Lang } from '../lessons/lang.ts';
import { checkExercise } from './check-exercise.ts';
import { parseAnswers } from './parse-answers.ts';
import { recordCheck } from './record-check.ts';

// POST /api/answers: a pure quiz (every task a static answer) checked without a sandbox, so a learner can
// answer while theirs starts. An exercise that looks at the sandbox is checked through one instead.
export async function answerQuiz(input: {
  user: SessionUser;
  exerciseId: string;
  answers?: unknown;
  lang: Lang;
}): Promise<CheckResult> {
  const exercise = await getExercise(input.exerciseId);
  if (!exercise) throw new BerthError('not_found', `No exercise "${input.exerciseId}".`);
  if (!exercise.pureQuiz) {
    throw new BerthError(
      'conflict',
      `${exercise.id} looks at the sandbox; check it with POST /api/sandboxes/:id/checks once the sandbox is ready.`,
    );
  }
  const answers = parseAnswers(exercise, input.answers);
  const outcomes = await checkExercise(exercise, answers);
  return recordCheck({ user: input.user, exercise, outcomes, lang: input.lang });
}
