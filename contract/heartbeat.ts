import { z } from 'zod';
import { agentIdSchema } from './ids.ts';

/** ok: admitting; full: no new sandbox fits; critical: the live sandboxes' expected writes no longer fit. */
export const agentDiskReport = z.object({
  state: z.enum(['ok', 'full', 'critical']),
  freeMb: z.number().int().nonnegative(),
  /** For the operator or instructor, when the state is not ok. */
  warning: z.string().max(1000).optional(),
});
export type AgentDiskReport = z.infer<typeof agentDiskReport>;

// What an agent tells the control plane every BERTH_AGENT_HEARTBEAT_MS (POST /api/agents/heartbeat,
// agent token) and what it hears back. The first heartbeat of an agent process registers it.
export const agentHeartbeatBody = z.object({
  id: agentIdSchema,
  /** Where the control plane reaches this agent. */
  url: z
    .string()
    .url()
    .regex(/^https?:\/\//, 'an http(s) URL'),
  capacity: z.number().int().nonnegative(),
  sandboxes: z.number().int().nonnegative(),
  /** "stopping": the agent is shutting down (its sandboxes stay); place nothing new on it. */
  state: z.enum(['ready', 'stopping']),
  /** When this agent process started: a new value tells the control plane it restarted. */
  startedAt: z.coerce.date(),
  /** The host disk under its sandboxes (sandbox-agent/src/sandboxes/disk-room.ts); absent from older agents. */
  disk: agentDiskReport.optional(),
});
export type AgentHeartbeat = z.infer<typeof agentHeartbeatBody>;

export const agentHeartbeatAnswer = z.object({ draining: z.boolean() });
export type AgentHeartbeatAnswer = z.infer<typeof agentHeartbeatAnswer>;
