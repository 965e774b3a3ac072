import { BerthError } from '../../contract/errors.ts';
import { agentApi } from '../agents/agent-client.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { readyNodeOfSandbox } from './ready-node-of-sandbox.ts';

export const MAX_EDITOR_FILE_BYTES = 1024 * 1024;

// Saves a file on one node of the caller's sandbox; saving counts as activity for the idle reaper.
export async function writeSandboxFile(input: {
  user: SessionUser;
  sandboxId: string;
  node: string;
  path: string;
  content: string;
}) {
  const { sandbox, agent } = await readyNodeOfSandbox(input.user, input.sandboxId, input.node);
  const size = Buffer.byteLength(input.content, 'utf8');
  if (size > MAX_EDITOR_FILE_BYTES) {
    throw new BerthError(
      'payload_too_large',
      `The file is ${size} bytes; the editor saves files up to 1 MiB.`,
    );
  }
  const written = await agentApi.writeFile(agent, sandbox.id, input.node, input.path, input.content);
  await db().sandbox.update({ where: { id: sandbox.id }, data: { lastActiveAt: new Date() } });
  return written;
}
