import { z } from 'zod';
import { type LearnerAnswer, MAX_ANSWER_LENGTH } from '../../contract/answers.ts';
import { BerthError } from '../../contract/errors.ts';
import type { ExerciseDef } from '../lessons/course-types.ts';

// The learner's answers to one exercise, validated against its answer tasks: a typed answer is a string of
// at most MAX_ANSWER_LENGTH characters, a choice answer a list of that task's choice ids; any other task id
// is an error (400), so a client learns about a typo instead of a silent "no answer".
export function parseAnswers(exercise: ExerciseDef, raw: unknown): ReadonlyMap<string, LearnerAnswer> {
  const shape: Record<string, z.ZodType<LearnerAnswer>> = {};
  for (const task of exercise.tasks) {
    if (!task.answer) continue;
    if (task.answer.kind === 'choice') {
      const ids = task.answer.choices.map((c) => c.id);
      shape[task.id] = z
        .array(
          z.string().refine((id) => ids.includes(id), {
            error: `not a choice of task "${task.id}" (choices: ${ids.join(', ')})`,
          }),
          { error: 'a list of choice ids' },
        )
        .max(ids.length, { error: 'each choice at most once' })
        .transform((picked) => [...new Set(picked)]);
    } else {
      shape[task.id] = z
        .string({ error: 'a typed answer (a string)' })
        .max(MAX_ANSWER_LENGTH, { error: `an answer is at most ${MAX_ANSWER_LENGTH} characters` });
    }
  }
  const known = Object.keys(shape);
  const schema = z
    .record(z.string(), z.unknown())
    .superRefine((answers, ctx) => {
      for (const id of Object.keys(answers).filter((k) => !known.includes(k))) {
        ctx.addIssue({
          code: 'custom',
          path: [id],
          message: known.length
            ? `no answer task "${id}" in ${exercise.id} (its answer tasks: ${known.join(', ')})`
            : `no answer task "${id}": ${exercise.id} asks no questions`,
        });
      }
    })
    .pipe(z.object(shape).partial());
  const parsed = schema.safeParse(raw ?? {});
  if (!parsed.success) {
    const text = parsed.error.issues
      .map(
        (i) =>
          `answers${i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}: ${i.message}`,
      )
      .join('; ');
    throw new BerthError('bad_request', text);
  }
  return new Map(Object.entries(parsed.data).filter(([, v]) => v !== undefined) as [string, LearnerAnswer][]);
}
