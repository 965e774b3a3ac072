import { z } from 'zod';
import { answerSourceSchema } from './answers.ts';
import { checkMessageSchema } from './check-messages.ts';
import { checkTaskSchema } from './checks.ts';
import { MAX_NODES, nodeNameSchema, sandboxIdSchema } from './ids.ts';

// The agent's HTTP API (/v1/…, bearer token): request bodies the agent validates and answers the
// control plane's agent client validates. Check outcomes are in checks.ts, node files in node-files.ts,
// published ports in published-ports.ts.

/** A preview request carries the browser's own Authorization in this header; `authorization` is the agent token. */
export const CLIENT_AUTHORIZATION_HEADER = 'x-berth-client-authorization';

/** POST /v1/sandboxes */
export const createSandboxBody = z.object({
  id: sandboxIdSchema,
  owner: z.string().min(1).max(100),
  nodes: z.array(nodeNameSchema).min(1).max(MAX_NODES),
  expiresAt: z.coerce.date(),
});

/** A sandbox as the agent sees it (the control plane keeps the rest of its life: stopping, stopped). */
export const agentSandboxViewSchema = z.object({
  id: z.string(),
  owner: z.string(),
  state: z.enum(['starting', 'ready', 'failed']),
  nodes: z.array(z.string()),
  expiresAt: z.string(),
  failureReason: z.string().optional(),
});
export type AgentSandboxView = z.infer<typeof agentSandboxViewSchema>;

/** GET /v1/sandboxes */
export const agentSandboxListSchema = z.object({ sandboxes: z.array(agentSandboxViewSchema) });

/** DELETE /v1/sandboxes/:id */
export const removedSchema = z.object({ removed: z.boolean() });

/** POST /v1/sandboxes/:id/checks; answered with checkOutcomesSchema. */
export const runChecksBody = z.object({
  node: nodeNameSchema,
  timeoutMs: z.number().int().min(1000).max(120_000),
  tasks: z.array(checkTaskSchema).min(1).max(50),
});

/** POST /v1/sandboxes/:id/answers: the expected values of live answers, read from the sandbox now. For
 * `./berth lessons verify` only (agent token): it proves a live answer can pass. The control plane's
 * checks send the learner's answer instead (a `probe` check task) so the value never leaves the agent,
 * and no public route calls this. Answered with revealedAnswersSchema. */
export const revealAnswersBody = z.object({
  node: nodeNameSchema,
  timeoutMs: z.number().int().min(1000).max(120_000),
  sources: z
    .array(z.object({ id: z.string(), from: answerSourceSchema }))
    .min(1)
    .max(50),
});
/** Per source in order: the value (what a learner would type), or why it could not be read. */
export const revealedAnswersSchema = z.object({
  answers: z.array(
    z.object({ id: z.string(), value: z.string().optional(), finding: checkMessageSchema.optional() }),
  ),
});

/** POST /v1/sandboxes/:id/nodes/:node/exec: a bash script, not in the learner's shell. */
export const execBody = z.object({
  script: z
    .string()
    .min(1)
    .max(64 * 1024),
  timeoutMs: z.number().int().min(1000).max(600_000),
});
export const execResultSchema = z.object({
  exitCode: z.number().int(),
  output: z.string(),
  timedOut: z.boolean(),
});

/** PUT /v1/sandboxes/:id/nodes/:node/files?path=; answered with writtenFileSchema. */
export const writeFileBody = z.object({ content: z.string() });

/** GET /v1/sandboxes/:id/ports?after=&waitMs=: with `after`, answers when the ports change or after waitMs. */
export const portsQuerySchema = z.object({
  after: z.string().max(64).optional(),
  waitMs: z.coerce.number().int().min(0).max(25_000).default(0),
});
