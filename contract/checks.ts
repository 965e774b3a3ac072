import { z } from 'zod';
import { exerciseIdSchema, nodeNameSchema } from './ids.ts';

// Checks: the typed assertions a lesson makes about the learner's inner Docker engine (lessons declare
// them in YAML, the control plane sends them, the agent evaluates them) and what comes back.

const name = z.string().min(1).max(200);

// Which node's engine the assertion looks at (for http_responds: the node the request is sent from).
// Left out: the exercise's node. Lint checks that it is one of the lesson's nodes.
const node = nodeNameSchema.optional();

// An address inside the sandbox, e.g. http://node1:8080/ — checks never leave the sandbox's network anyway.
const httpUrl = z.url({ protocol: /^http$/, error: 'an http:// URL, e.g. http://node1:8080/' });

export const assertionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('network_exists'), node, name, driver: z.string().optional() }).strict(),
  z.object({ type: z.literal('container_running'), node, name }).strict(),
  z.object({ type: z.literal('container_on_network'), node, container: name, network: name }).strict(),
  z.object({ type: z.literal('image_exists'), node, name }).strict(),
  z.object({ type: z.literal('volume_exists'), node, name }).strict(),
  z
    .object({
      type: z.literal('exec_succeeds'),
      node,
      container: name,
      command: z.array(z.string()).min(1),
      outputIncludes: z.string().optional(),
    })
    .strict(),
  // An HTTP GET sent from a node (not from a container): e.g. node2 fetching a port published on node1.
  z
    .object({
      type: z.literal('http_responds'),
      node,
      url: httpUrl,
      status: z.number().int().min(100).max(599).default(200),
      bodyIncludes: z.string().min(1).optional(),
    })
    .strict(),
  // Escape hatch: a bash script run on the node (not in the learner's shell); exit 0 passes.
  z.object({ type: z.literal('script'), node, run: z.string().min(1) }).strict(),
]);
export type Assertion = z.infer<typeof assertionSchema>;

/** One task as the agent runs it: the lesson's task id and its assertion. */
export const checkTaskSchema = z.object({ id: z.string(), assert: assertionSchema });
export type CheckTask = z.infer<typeof checkTaskSchema>;

/** What the agent found for one task, with a message the learner can act on. */
const taskOutcomeSchema = z.object({ id: z.string(), passed: z.boolean(), message: z.string() });
export type TaskOutcome = z.infer<typeof taskOutcomeSchema>;

/** The agent's answer to POST /v1/sandboxes/:id/checks, one outcome per task in order. */
export const checkOutcomesSchema = z.object({ tasks: z.array(taskOutcomeSchema) });

/** One task of a check result as the learner sees it: the outcome with the task's title. */
const taskResultSchema = taskOutcomeSchema.extend({ title: z.string() });

/** POST /api/sandboxes/:id/checks → {exerciseId, passed, tasks:[{id, title, passed, message}]}. */
export const checkResultSchema = z.object({
  exerciseId: exerciseIdSchema,
  passed: z.boolean(),
  tasks: z.array(taskResultSchema),
});
export type CheckResult = z.infer<typeof checkResultSchema>;
