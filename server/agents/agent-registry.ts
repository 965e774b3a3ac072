import { config } from '../config.ts';
import { BerthError } from '../errors/berth-error.ts';
import type { AgentRef } from './agent-client.ts';

// The worker hosts this control plane can place sandboxes on. Today: the one agent from config;
// the seam for registration/heartbeats of many agents (a later issue) is here.
export function listAgents(): AgentRef[] {
  const c = config();
  if (!c.BERTH_AGENT_TOKEN) throw new BerthError('internal', 'BERTH_AGENT_TOKEN is not configured');
  return [{ id: c.BERTH_AGENT_ID, url: c.BERTH_AGENT_URL.replace(/\/$/, ''), token: c.BERTH_AGENT_TOKEN }];
}

export function agentById(id: string): AgentRef {
  const agent = listAgents().find((a) => a.id === id);
  if (!agent) throw new BerthError('agent_unavailable', `Sandbox host ${id} is not registered.`);
  return agent;
}
