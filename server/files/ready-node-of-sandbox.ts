import { BerthError } from '../../contract/errors.ts';
import { agentById } from '../agents/agent-registry.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { getSandboxOrThrow } from '../sandboxes/get-sandbox-or-throw.ts';

type SandboxLookup = (
  user: SessionUser,
  sandboxId: string,
) => Promise<{ id: string; state: string; nodes: string; agentId: string }>;

// The editor's gate: the caller's own sandbox (else 404), ready, and a node it really has. Previews pass
// their own lookup (server/preview/viewable-sandbox.ts), which also lets the owner's instructor in.
export async function readyNodeOfSandbox(
  user: SessionUser,
  sandboxId: string,
  node: string,
  lookup: SandboxLookup = getSandboxOrThrow,
) {
  const sandbox = await lookup(user, sandboxId);
  if (sandbox.state !== 'ready')
    throw new BerthError('conflict', `The sandbox is ${sandbox.state}, not ready.`);
  const nodes: string[] = JSON.parse(sandbox.nodes);
  if (!nodes.includes(node)) throw new BerthError('not_found', `This sandbox has no ${node}.`);
  return { sandbox, agent: await agentById(sandbox.agentId) };
}
