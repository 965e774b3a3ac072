import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { getSandboxOrThrow } from './get-sandbox-or-throw.ts';

// How often a waiting GET looks again: cheap (one indexed row), and a page sees "ready" this soon after it.
const RECHECK_MS = 150;

// GET /api/sandboxes/:id?waitMs=N: the sandbox once it is no longer starting, or as it is after N ms (or
// when the client went away). Whoever may read its state may wait for it (its owner, and the instructor
// of the owner's classroom: getSandboxOrThrow's `watch`).
export async function awaitSandboxStart(user: SessionUser, id: string, waitMs: number, signal?: AbortSignal) {
  let row = await getSandboxOrThrow(user, id, { watch: true });
  const deadline = Date.now() + waitMs;
  while (row.state === 'starting' && Date.now() < deadline && !signal?.aborted) {
    await new Promise((r) => setTimeout(r, Math.min(RECHECK_MS, deadline - Date.now())));
    row = (await db().sandbox.findUnique({ where: { id } })) ?? row;
  }
  return row;
}
