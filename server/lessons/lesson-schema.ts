import { z } from 'zod';
import { assertionSchema } from '../../contract/checks.ts';
import { MAX_NODES, nodeNameSchema, slugSchema } from '../../contract/ids.ts';
import { answerSchema } from './answer-schema.ts';

// The shape of chapter.yaml and lesson.yaml. The schema is the type; every object is strict so a
// misspelled field is an error instead of being silently ignored.

const text = z.string().trim().min(1, { error: 'must not be empty' });

export const localizedTextSchema = z.object({ en: text, zh: text }).strict();

export const chapterFileSchema = z
  .object({
    title: localizedTextSchema,
    summary: localizedTextSchema,
    // Lesson folder names in catalog order. A chapter with no lessons shows as "coming soon".
    lessons: z.array(slugSchema).default([]),
  })
  .strict()
  .superRefine((chapter, ctx) => {
    const seen = new Set<string>();
    chapter.lessons.forEach((lesson, i) => {
      if (seen.has(lesson)) {
        ctx.addIssue({ code: 'custom', path: ['lessons', i], message: `lesson "${lesson}" is listed twice` });
      }
      seen.add(lesson);
    });
  });

// A task is a check of the sandbox (`assert`) or a question the learner answers (`answer`; its title is
// the question).
export const taskSchema = z
  .object({
    id: slugSchema,
    title: localizedTextSchema,
    assert: assertionSchema.optional(),
    answer: answerSchema.optional(),
    // Shown to the learner when this task fails: say what to do, not only what is wrong. For an answer:
    // help without giving the right one away.
    hint: localizedTextSchema,
  })
  .strict()
  .superRefine((task, ctx) => {
    if (task.assert === undefined && task.answer === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'a task needs "assert" (a check of the sandbox) or "answer" (a question the learner answers)',
      });
    }
    if (task.assert !== undefined && task.answer !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['answer'],
        message: 'a task has either "assert" or "answer", not both; make two tasks',
      });
    }
  });

export const exerciseSchema = z
  .object({
    id: slugSchema,
    title: localizedTextSchema,
    // The node whose terminal the exercise uses and where the reference solution runs.
    node: nodeNameSchema.default('node1'),
    tasks: z.array(taskSchema).min(1, { error: 'an exercise needs at least one task' }),
    hints: z.array(localizedTextSchema).default([]),
    // Reference solution: a bash script run on `node` by `berth lessons verify`. A pure quiz (every task
    // a static answer) has none: its answers are the solution, and it needs no sandbox.
    solution: z.string().trim().min(1, { error: 'the reference solution must not be empty' }).optional(),
  })
  .strict();

/** No task looks at the sandbox (no `assert`, no live `from`): the control plane checks it alone. */
export function isPureQuiz(exercise: { tasks: readonly TaskFile[] }): boolean {
  return !exercise.tasks.some(looksAtSandbox);
}

// (A task with both `assert` and `answer`, or an answer of two forms, is reported as such instead.)
const looksAtSandbox = (t: TaskFile) =>
  t.answer === undefined
    ? t.assert !== undefined
    : t.assert === undefined &&
      t.answer.from !== undefined &&
      t.answer.value === undefined &&
      !t.answer.choices;

export const lessonFileSchema = z
  .object({
    title: localizedTextSchema,
    summary: localizedTextSchema,
    minutes: z.number().int().min(1).max(240),
    sandbox: z
      .object({ nodes: z.number().int().min(1).max(MAX_NODES) })
      .strict()
      .default({ nodes: 1 }),
    // Where the file editor opens on this lesson's sandbox (a file or a folder); default /root.
    editor: z
      .object({
        path: z
          .string()
          .regex(/^\/[^\0]*$/, { error: 'must be an absolute path, e.g. /root/app/Dockerfile' })
          .max(1024),
      })
      .strict()
      .default({ path: '/root' }),
    exercises: z.array(exerciseSchema).default([]),
  })
  .strict()
  .superRefine((lesson, ctx) => {
    const nodes = new Set(nodeNames(lesson.sandbox.nodes));
    const nodeList = [...nodes].join(', ');
    const exerciseIds = new Map<string, number>();
    lesson.exercises.forEach((exercise, e) => {
      const first = exerciseIds.get(exercise.id);
      if (first !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['exercises', e, 'id'],
          message: `duplicate exercise id "${exercise.id}" (also exercises[${first}])`,
        });
      } else exerciseIds.set(exercise.id, e);

      if (!nodes.has(exercise.node)) {
        ctx.addIssue({
          code: 'custom',
          path: ['exercises', e, 'node'],
          message: `node "${exercise.node}" is not in this lesson's sandbox (nodes: ${nodeList}); raise sandbox.nodes or pick another`,
        });
      }

      const quiz = isPureQuiz(exercise);
      if (!quiz && exercise.solution === undefined) {
        const sandboxTask = exercise.tasks.find(looksAtSandbox);
        ctx.addIssue({
          code: 'custom',
          path: ['exercises', e],
          message: `missing required field "solution" (task "${sandboxTask?.id}" looks at the sandbox; only a quiz of static answers needs none)`,
        });
      }
      if (quiz && exercise.solution !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['exercises', e, 'solution'],
          message: 'a quiz of static answers has no solution (its answers are the solution); remove it',
        });
      }

      const taskIds = new Map<string, number>();
      exercise.tasks.forEach((task, t) => {
        const firstTask = taskIds.get(task.id);
        if (firstTask !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['exercises', e, 'tasks', t, 'id'],
            message: `duplicate task id "${task.id}" in exercise "${exercise.id}" (also tasks[${firstTask}])`,
          });
        } else taskIds.set(task.id, t);

        const onNode = task.assert?.node ?? task.answer?.from?.node;
        if (onNode !== undefined && !nodes.has(onNode)) {
          const where = task.assert ? ['assert', 'node'] : ['answer', 'from', 'node'];
          ctx.addIssue({
            code: 'custom',
            path: ['exercises', e, 'tasks', t, ...where],
            message: `node "${onNode}" is not in this lesson's sandbox (nodes: ${nodeList})`,
          });
        }
      });
    });
  });

export type ChapterFile = z.infer<typeof chapterFileSchema>;
export type LessonFile = z.infer<typeof lessonFileSchema>;
export type ExerciseFile = z.infer<typeof exerciseSchema>;
export type TaskFile = z.infer<typeof taskSchema>;

// A sandbox of n nodes has node1..nodeN.
export function nodeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `node${i + 1}`);
}
