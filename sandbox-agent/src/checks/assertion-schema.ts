import { z } from 'zod';

// Typed assertions a check task can make about the learner's inner Docker engine.
// Lessons declare them in YAML; the agent evaluates them. The schema is the type.
const name = z.string().min(1).max(200);

// Which node's engine the assertion looks at (for http_responds: the node the request is sent from).
// Left out: the exercise's node. Lint checks that it is one of the lesson's nodes.
const node = z
  .string()
  .regex(/^node[1-9]$/, { error: 'node names are node1, node2, … node5' })
  .optional();

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

export const taskResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  message: z.string(),
});
export type TaskResult = z.infer<typeof taskResultSchema>;
