// The shapes of Berth's HTTP API as the pages see them (DESIGN.md "HTTP API"); parsed, never cast.
import { z } from 'zod';

export const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string(),
});
export type User = z.infer<typeof userSchema>;

export const userEnvelopeSchema = z.object({ user: userSchema });

export const sandboxStateSchema = z.enum(['starting', 'ready', 'stopping', 'stopped', 'failed']);
export type SandboxState = z.infer<typeof sandboxStateSchema>;

// Nodes are named `node1`…; accept `{name}` objects too so a richer node shape does not break the page.
const nodeNameSchema = z.union([z.string(), z.object({ name: z.string() }).transform((n) => n.name)]);

export const sandboxSchema = z.object({
  id: z.string(),
  state: sandboxStateSchema,
  nodes: z.array(nodeNameSchema).default(['node1']),
  expiresAt: z.string().nullish(),
  failureReason: z.string().nullish(),
});
export type Sandbox = z.infer<typeof sandboxSchema>;

export const taskResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  passed: z.boolean(),
  message: z.string().default(''),
});
export type TaskResult = z.infer<typeof taskResultSchema>;

export const checkResultSchema = z.object({
  exerciseId: z.string(),
  passed: z.boolean(),
  tasks: z.array(taskResultSchema),
});
export type CheckResult = z.infer<typeof checkResultSchema>;

export const progressSchema = z.object({
  exercises: z.array(
    z.object({
      exerciseId: z.string(),
      passed: z.boolean(),
      checkedAt: z.string().nullish(),
    }),
  ),
});
export type Progress = z.infer<typeof progressSchema>;

export const apiErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string().default('') }),
});

// Files on a node, for the editor: a directory's entries or a file's text.
export const nodeFileSchema = z.discriminatedUnion('type', [
  z.object({
    path: z.string(),
    type: z.literal('directory'),
    entries: z.array(z.object({ name: z.string(), type: z.string(), size: z.number() })),
  }),
  z.object({ path: z.string(), type: z.literal('file'), content: z.string(), size: z.number() }),
]);
export type NodeFile = z.infer<typeof nodeFileSchema>;

export const savedFileSchema = z.object({ path: z.string(), size: z.number() });

// Ports published on the sandbox's nodes (`docker run -p`), each with its preview URL.
export const publishedPortsSchema = z.object({
  version: z.string(),
  ports: z.array(
    z.object({
      node: z.string(),
      port: z.number(),
      containerPort: z.number(),
      container: z.string(),
      url: z.string(),
    }),
  ),
});
export type PublishedPorts = z.infer<typeof publishedPortsSchema>;
export type PublishedPort = PublishedPorts['ports'][number];
