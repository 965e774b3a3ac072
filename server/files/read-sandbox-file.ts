import { agentApi } from '../agents/agent-client.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { readyNodeOfSandbox } from './ready-node-of-sandbox.ts';

// A file's content or a directory's entries on one node of the caller's sandbox.
export async function readSandboxFile(input: {
  user: SessionUser;
  sandboxId: string;
  node: string;
  path: string;
}) {
  const { sandbox, agent } = await readyNodeOfSandbox(input.user, input.sandboxId, input.node);
  return agentApi.readFile(agent, sandbox.id, input.node, input.path);
}
