import { agentApi } from '../agents/agent-client.ts';
import { listAgents } from '../agents/agent-registry.ts';
import { db } from '../db/client.ts';
import { transitionSandbox } from './sandbox-state.ts';
import { stopSandbox } from './stop-sandbox.ts';

// A stop still `stopping` after this long failed on its way (agent error) and is tried again.
const STOP_RETRY_AFTER_MS = 60_000;

// The agents are the truth about containers: a sandbox the database thinks is live but its agent no
// longer has is reported stopped; one the agent marks failed (e.g. a node died) is reported failed.
// The database is the truth about what should exist: a sandbox an agent still holds whose row ended
// (stopped, failed — e.g. reported lost while its host was away — or deleted) is removed from the agent.
export async function reconcileSandboxes(): Promise<void> {
  for (const agent of await listAgents()) {
    if (!agent.live) continue; // silent agent: detect-lost-agents decides, it may come back and re-adopt
    const onAgent = await agentApi.listSandboxes(agent).catch(() => undefined);
    if (!onAgent) continue;
    const byId = new Map(onAgent.map((s) => [s.id, s]));
    const rows = await db().sandbox.findMany({
      where: { agentId: agent.id, OR: [{ state: 'ready' }, { id: { in: [...byId.keys()] } }] },
    });
    const rowById = new Map(rows.map((r) => [r.id, r]));
    // Failed here = no longer counted by placement (start-sandbox.ts), so it is removed in this same
    // pass below rather than at the next one: the room placement frees must really be free.
    const failedNow = new Set<string>();
    for (const row of rows) {
      if (row.state !== 'ready') continue;
      const s = byId.get(row.id);
      if (!s) await transitionSandbox(row.id, 'stopped', 'the sandbox is gone from its host');
      else if (
        s.state === 'failed' &&
        (await transitionSandbox(row.id, 'failed', s.failureReason ?? 'a node stopped'))
      )
        failedNow.add(row.id);
    }
    for (const s of onAgent) {
      const row = rowById.get(s.id);
      if (row?.state === 'stopping' && row.updatedAt.getTime() < Date.now() - STOP_RETRY_AFTER_MS) {
        // A stop whose removal failed (the agent answered an error) is finished here, not forgotten.
        await stopSandbox(row.id, row.failureReason ?? undefined).catch((e: Error) =>
          console.error(`[reconcile] retrying the stop of ${row.id} failed: ${e.message}`),
        );
        continue;
      }
      const ended = failedNow.has(s.id) ? 'failed' : (row?.state ?? 'unknown');
      if (ended !== 'stopped' && ended !== 'failed' && ended !== 'unknown') continue;
      await agentApi.removeSandbox(agent, s.id).then(
        () => console.log(`[reconcile] removed ${s.id} from ${agent.id} (${ended})`),
        (e: Error) => console.error(`[reconcile] could not remove ${s.id} from ${agent.id}: ${e.message}`),
      );
    }
  }
}
