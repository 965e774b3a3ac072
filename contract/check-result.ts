import { z } from 'zod';
import { exerciseIdSchema } from './ids.ts';

// POST /api/sandboxes/:id/checks → {exerciseId, passed, tasks:[{id, title, passed, message}]}: one task's
// outcome (checks.ts) with its title, the finding already rendered into `message` in the page's language.
// A file of its own so the lesson page's bundle holds this, not every assertion and message template.
const taskResultSchema = z.object({
  id: z.string(),
  passed: z.boolean(),
  message: z.string(),
  title: z.string(),
});

export const checkResultSchema = z.object({
  exerciseId: exerciseIdSchema,
  passed: z.boolean(),
  tasks: z.array(taskResultSchema),
});
export type CheckResult = z.infer<typeof checkResultSchema>;
