import { z } from 'zod';

// Typed assertions a check task can make about the learner's inner Docker engine.
// Lessons declare them in YAML; the agent evaluates them. The schema is the type.
const name = z.string().min(1).max(200);

export const assertionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('network_exists'), name, driver: z.string().optional() }).strict(),
  z.object({ type: z.literal('container_running'), name }).strict(),
  z.object({ type: z.literal('container_on_network'), container: name, network: name }).strict(),
  z.object({ type: z.literal('image_exists'), name }).strict(),
  z.object({ type: z.literal('volume_exists'), name }).strict(),
  z
    .object({
      type: z.literal('exec_succeeds'),
      container: name,
      command: z.array(z.string()).min(1),
      outputIncludes: z.string().optional(),
    })
    .strict(),
  // Escape hatch: a bash script run on the node (not in the learner's shell); exit 0 passes.
  z.object({ type: z.literal('script'), node: z.string().optional(), run: z.string().min(1) }).strict(),
]);

export type Assertion = z.infer<typeof assertionSchema>;

export const taskResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  message: z.string(),
});
export type TaskResult = z.infer<typeof taskResultSchema>;
