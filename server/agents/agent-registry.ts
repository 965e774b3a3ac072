import { BerthError } from '../../contract/errors.ts';
import { config } from '../config.ts';
import { type Agent, db } from '../db/client.ts';
import type { AgentRef } from './agent-client.ts';
import { agentToken } from './agent-token.ts';

// The worker hosts this control plane knows: every agent that ever registered (heartbeats write the
// rows, see record-heartbeat.ts). "Live" = heard from within BERTH_AGENT_TIMEOUT_MS.
export interface AgentStatus {
  id: string;
  url: string;
  capacity: number;
  /** Sandboxes on the agent as of its last heartbeat. */
  sandboxes: number;
  state: string;
  /** The host disk under its sandboxes, as of its last heartbeat (contract/heartbeat.ts). */
  disk: { state: string; freeMb: number | null; warning: string | null };
  draining: boolean;
  live: boolean;
  lastHeartbeatAt: Date;
  startedAt: Date;
  lostAt: Date | null;
}

export type RegisteredAgent = AgentStatus & AgentRef;

function token(): string {
  const t = agentToken();
  if (!t) throw new BerthError('internal', 'BERTH_AGENT_TOKEN is not configured');
  return t;
}

export function isLive(row: Pick<Agent, 'lastHeartbeatAt'>, now = Date.now()): boolean {
  return now - row.lastHeartbeatAt.getTime() <= config().BERTH_AGENT_TIMEOUT_MS;
}

function toStatus(row: Agent, now: number): AgentStatus {
  return {
    id: row.id,
    url: row.url,
    capacity: row.capacity,
    sandboxes: row.sandboxes,
    state: row.state,
    disk: { state: row.diskState, freeMb: row.diskFreeMb, warning: row.diskWarning },
    draining: row.draining,
    live: isLive(row, now),
    lastHeartbeatAt: row.lastHeartbeatAt,
    startedAt: row.startedAt,
    lostAt: row.lostAt,
  };
}

/** The registry as an operator sees it (./berth agents list); needs no agent token. */
export async function agentStatuses(): Promise<AgentStatus[]> {
  const now = Date.now();
  const rows = await db().agent.findMany({ orderBy: { id: 'asc' } });
  return rows.map((r) => toStatus(r, now));
}

/** Every registered agent, ready to be called. */
export async function listAgents(): Promise<RegisteredAgent[]> {
  const t = token();
  return (await agentStatuses()).map((a) => ({ ...a, token: t }));
}

/** Agents new sandboxes may go to: live, not draining, not shutting down. */
export async function placeableAgents(): Promise<RegisteredAgent[]> {
  return (await listAgents()).filter((a) => a.live && !a.draining && a.state === 'ready');
}

export async function findAgent(id: string): Promise<RegisteredAgent | undefined> {
  const row = await db().agent.findUnique({ where: { id } });
  return row ? { ...toStatus(row, Date.now()), token: token() } : undefined;
}

export async function agentById(id: string): Promise<RegisteredAgent> {
  const agent = await findAgent(id);
  if (!agent) throw new BerthError('agent_unavailable', `Sandbox host ${id} is not registered.`);
  return agent;
}
