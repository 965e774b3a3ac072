import { z } from 'zod';
import { assertionSchema } from '../checks/assertion-schema.ts';
import { NODE_PATTERN, SANDBOX_ID_PATTERN } from '../sandboxes/sandbox-names.ts';

// Request and response bodies of the agent's API; the control plane's agent client uses the same schemas.
export const sandboxIdSchema = z.string().regex(SANDBOX_ID_PATTERN);
export const nodeNameSchema = z.string().regex(NODE_PATTERN);

export const createSandboxBody = z.object({
  id: sandboxIdSchema,
  owner: z.string().min(1).max(100),
  nodes: z.array(nodeNameSchema).min(1).max(5),
  expiresAt: z.coerce.date(),
});

export const runChecksBody = z.object({
  node: nodeNameSchema,
  timeoutMs: z.number().int().min(1000).max(120_000),
  tasks: z
    .array(z.object({ id: z.string(), assert: assertionSchema }))
    .min(1)
    .max(50),
});

export const execBody = z.object({
  script: z
    .string()
    .min(1)
    .max(64 * 1024),
  timeoutMs: z.number().int().min(1000).max(600_000),
});

export const sandboxViewSchema = z.object({
  id: z.string(),
  owner: z.string(),
  state: z.enum(['starting', 'ready', 'failed']),
  nodes: z.array(z.string()),
  expiresAt: z.string(),
  failureReason: z.string().optional(),
});

export const agentInfoSchema = z.object({
  id: z.string(),
  sandboxes: z.number().int(),
  capacity: z.number().int(),
});

export const checkOutcomesSchema = z.object({
  tasks: z.array(z.object({ id: z.string(), passed: z.boolean(), message: z.string() })),
});

export const execResultSchema = z.object({
  exitCode: z.number().int(),
  output: z.string(),
  timedOut: z.boolean(),
});

export const activitySchema = z.object({ lastActivity: z.number() });

// Files on a node (the editor). Paths are checked again by the agent's files module.
export const nodeFilePathSchema = z.string().min(1).max(4096);
export const writeFileBody = z.object({ content: z.string() });

export const nodeFileListingSchema = z.discriminatedUnion('type', [
  z.object({
    path: z.string(),
    type: z.literal('directory'),
    entries: z.array(
      z.object({
        name: z.string(),
        type: z.enum(['file', 'directory', 'symlink', 'other']),
        size: z.number(),
      }),
    ),
  }),
  z.object({ path: z.string(), type: z.literal('file'), content: z.string(), size: z.number() }),
]);

export const writtenFileSchema = z.object({ path: z.string(), size: z.number() });

// Ports published on the nodes (`docker run -p`), for preview links; `version` changes with the content.
export const portsQuerySchema = z.object({
  after: z.string().max(64).optional(),
  waitMs: z.coerce.number().int().min(0).max(25_000).default(0),
});

export const publishedPortsSchema = z.object({
  version: z.string(),
  ports: z.array(
    z.object({
      node: z.string(),
      port: z.number().int(),
      containerPort: z.number().int(),
      container: z.string(),
    }),
  ),
});
