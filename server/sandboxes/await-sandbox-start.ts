import type { SessionUser } from '../auth/create-guest-session.ts';
import { db } from '../db/client.ts';
import { getSandboxOrThrow } from './get-sandbox-or-throw.ts';
import { nextSandboxChange } from './sandbox-state-changes.ts';

// How often a waiting GET looks again in the database, for a start another replica's worker finished (this
// process's own transitions wake it at once, sandbox-state-changes.ts).
const RECHECK_MS = 250;

// GET /api/sandboxes/:id?waitMs=N: the sandbox once it is no longer starting, or as it is after N ms (or
// when the client went away). Whoever may read its state may wait for it (its owner, and the instructor
// of the owner's classroom: getSandboxOrThrow's `watch`).
export async function awaitSandboxStart(user: SessionUser, id: string, waitMs: number, signal?: AbortSignal) {
  let row = await getSandboxOrThrow(user, id, { watch: true });
  const deadline = Date.now() + waitMs;
  while (row.state === 'starting' && Date.now() < deadline && !signal?.aborted) {
    await nextSandboxChange(id, Math.min(RECHECK_MS, deadline - Date.now()));
    row = (await db().sandbox.findUnique({ where: { id } })) ?? row;
  }
  return row;
}
