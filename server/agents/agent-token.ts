import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from '../config.ts';

// The shared agent token, both ways: the control plane sends it to agents, agents send it with their
// heartbeats. Compared as SHA-256 digests so the comparison is constant-time whatever the length.
export function agentToken(): string | undefined {
  return config().BERTH_AGENT_TOKEN;
}

export function isAgentAuthorization(header: string | null | undefined): boolean {
  const token = agentToken();
  if (!token || !header) return false;
  const digest = (s: string) => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(header), digest(`Bearer ${token}`));
}
