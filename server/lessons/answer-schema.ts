import { z } from 'zod';
import { parseNumber } from '../../contract/answer-match.ts';
import { answerMatchSchema, answerSourceSchema, MAX_ANSWER_LENGTH } from '../../contract/answers.ts';
import { slugSchema } from '../../contract/ids.ts';

// A task's `answer:` in lesson.yaml — exactly one of: `choices` + `correct` (multiple choice), `value`
// (+ `match`) typed by the learner, or `from` (compared with a value read from the live sandbox).

const text = z.string().trim().min(1, { error: 'must not be empty' });

const choiceSchema = z.object({ id: slugSchema, en: text, zh: text }).strict();

export const answerSchema = z
  .object({
    choices: z.array(choiceSchema).min(2, { error: 'a multiple-choice question needs at least two choices' }),
    // One id: pick one (radio buttons); several: pick exactly those (checkboxes).
    correct: z.array(slugSchema),
    // YAML reads `value: 80` as a number; the learner types text, so it is kept as text.
    value: z
      .union([z.string(), z.number()])
      .transform(String)
      .pipe(
        z
          .string()
          .trim()
          .min(1, { error: 'must not be empty' })
          .max(MAX_ANSWER_LENGTH, { error: `a learner can type at most ${MAX_ANSWER_LENGTH} characters` }),
      ),
    match: answerMatchSchema,
    from: answerSourceSchema,
  })
  .partial()
  .strict()
  .superRefine((answer, ctx) => {
    const forms = (['choices', 'value', 'from'] as const).filter((k) => answer[k] !== undefined);
    if (forms.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'an answer needs one of: "choices" (with "correct"), "value" (typed by the learner) or "from" (read from the sandbox)',
      });
    }
    for (const extra of forms.slice(1)) {
      ctx.addIssue({
        code: 'custom',
        path: [extra],
        message: `an answer has only one of "choices", "value", "from" (this one also has "${forms[0]}")`,
      });
    }
    if (answer.match !== undefined && answer.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['match'], message: '"match" applies to a "value" answer only' });
    }
    if (answer.match === 'number' && answer.value !== undefined && parseNumber(answer.value) === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `"${answer.value}" is not a number, but match is "number"`,
      });
    }
    if (answer.correct !== undefined && answer.choices === undefined) {
      ctx.addIssue({ code: 'custom', path: ['correct'], message: '"correct" needs "choices"' });
    }
    if (answer.choices === undefined) return;
    const ids = new Map<string, number>();
    answer.choices.forEach((choice, i) => {
      const first = ids.get(choice.id);
      if (first === undefined) ids.set(choice.id, i);
      else {
        ctx.addIssue({
          code: 'custom',
          path: ['choices', i, 'id'],
          message: `duplicate choice id "${choice.id}" (also choices[${first}])`,
        });
      }
    });
    if (answer.correct === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'missing required field "correct" (the ids of the right choices)',
      });
      return;
    }
    if (answer.correct.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['correct'], message: 'name at least one right choice' });
    }
    const listed = [...ids.keys()].join(', ');
    answer.correct.forEach((id, i) => {
      if (!ids.has(id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['correct', i],
          message: `"${id}" is not one of the choices (${listed})`,
        });
      } else if (answer.correct!.indexOf(id) !== i) {
        ctx.addIssue({ code: 'custom', path: ['correct', i], message: `"${id}" is listed twice` });
      }
    });
  });
export type AnswerFile = z.infer<typeof answerSchema>;
