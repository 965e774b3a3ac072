import { BerthError } from '../../contract/errors.ts';
import { agentApi } from '../agents/agent-client.ts';
import { agentById } from '../agents/agent-registry.ts';
import type { SessionUser } from '../auth/create-guest-session.ts';
import { getSandboxOrThrow } from '../sandboxes/get-sandbox-or-throw.ts';
import { previewUrl } from './preview-path.ts';

// How long one request waits for a change before answering "same as before" (the page asks again).
export const PORTS_WAIT_MS = 20_000;

// The ports published on the nodes of a sandbox the caller may view (theirs, or a learner's of their
// classroom), each with its address on the preview origin (`previewOrigin`). Given the version the page
// already shows, waits until the ports change (a long poll), so links follow `docker run -p` and
// `docker stop` within a moment without the page polling hard.
export async function listPublishedPorts(input: {
  user: SessionUser;
  sandboxId: string;
  after?: string;
  previewOrigin: string;
}) {
  const sandbox = await getSandboxOrThrow(input.user, input.sandboxId, { watch: true });
  if (sandbox.state !== 'ready')
    throw new BerthError('conflict', `The sandbox is ${sandbox.state}, not ready.`);
  const agent = await agentById(sandbox.agentId);
  const { version, ports } = await agentApi.publishedPorts(agent, sandbox.id, {
    after: input.after,
    waitMs: input.after ? PORTS_WAIT_MS : 0,
  });
  const url = (p: { node: string; port: number }) =>
    `${input.previewOrigin}${previewUrl(sandbox.id, p.node, p.port)}`;
  return { version, ports: ports.map((p) => ({ ...p, url: url(p) })) };
}
