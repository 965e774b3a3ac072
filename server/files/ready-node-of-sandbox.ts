import { BerthError } from '../../contract/errors.ts';
import { agentById } from '../agents/agent-registry.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { getSandboxOrThrow } from '../sandboxes/get-sandbox-or-throw.ts';

// The editor's gate: the caller's own sandbox (else 404), ready, and a node it really has. Previews pass
// `watch`: the owner's classroom instructor may look at a learner's app (server/auth/access.ts).
export async function readyNodeOfSandbox(
  user: SessionUser,
  sandboxId: string,
  node: string,
  opts: { watch?: boolean } = {},
) {
  const sandbox = await getSandboxOrThrow(user, sandboxId, opts);
  if (sandbox.state !== 'ready')
    throw new BerthError('conflict', `The sandbox is ${sandbox.state}, not ready.`);
  const nodes: string[] = JSON.parse(sandbox.nodes);
  if (!nodes.includes(node)) throw new BerthError('not_found', `This sandbox has no ${node}.`);
  return { sandbox, agent: await agentById(sandbox.agentId) };
}
