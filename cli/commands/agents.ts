import { existsSync } from 'node:fs';
import { z } from 'zod';
import { isBerthError } from '../../contract/errors.ts';
import { agentStatuses } from '../../server/agents/agent-registry.ts';
import { forgetAgent } from '../../server/agents/forget-agent.ts';
import { setAgentDraining } from '../../server/agents/set-agent-draining.ts';
import { closeDb, databaseUrl, Prisma } from '../../server/db/client.ts';
import { CliError } from '../cli-error.ts';

// `./berth agents list | drain <id> | undrain <id> | forget <id>`: the worker-host registry, straight
// from the control plane's database (run it where the web server runs, with the same DATABASE_URL).
const args = z.union([
  z.tuple([z.literal('list')]),
  z.tuple([z.enum(['drain', 'undrain', 'forget']), z.string().min(1)]),
]);

export const agentsUsage = 'agents list | drain <id> | undrain <id> | forget <id>';

export async function runAgents(argv: string[]): Promise<number> {
  const parsed = args.safeParse(argv.length ? argv : ['list']);
  if (!parsed.success) throw new CliError(`usage: ./berth ${agentsUsage}`);
  const [command, id] = parsed.data;
  const url = databaseUrl();
  // Never create an empty SQLite file here: the registry lives in the web server's database.
  if (url.startsWith('file:') && !existsSync(url.slice('file:'.length)))
    throw new CliError(`no database at ${url}: run ./berth up first (or set BERTH_HOME / DATABASE_URL)`);
  try {
    if (command === 'list') {
      process.stdout.write(formatAgents(await agentStatuses()));
    } else if (command === 'forget') {
      await forgetAgent(id);
      process.stdout.write(`forgot agent ${id}\n`);
    } else {
      await setAgentDraining(id, command === 'drain');
      process.stdout.write(
        command === 'drain'
          ? `agent ${id} is draining: no new sandboxes go there; its sandboxes run until they end\n`
          : `agent ${id} takes new sandboxes again\n`,
      );
    }
    return 0;
  } catch (e) {
    if (isBerthError(e)) throw new CliError(e.message);
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2021')
      throw new CliError('the database predates the agent registry: run ./berth up to migrate it');
    throw e;
  } finally {
    await closeDb();
  }
}

function formatAgents(agents: Awaited<ReturnType<typeof agentStatuses>>): string {
  if (agents.length === 0) return 'no agents have registered yet\n';
  const now = Date.now();
  const rows = agents.map((a) => [
    a.id,
    a.live ? (a.state === 'ready' ? 'up' : a.state) : 'down',
    a.draining ? 'yes' : 'no',
    `${a.sandboxes}/${a.capacity}`,
    a.disk.freeMb === null ? a.disk.state : `${a.disk.state}, ${a.disk.freeMb} MiB free`,
    `${Math.round((now - a.lastHeartbeatAt.getTime()) / 1000)}s ago`,
    a.url,
  ]);
  const table = [['ID', 'STATUS', 'DRAINING', 'SANDBOXES', 'DISK', 'LAST HEARTBEAT', 'URL'], ...rows];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  return `${table
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n')}\n${agents
    .filter((a) => a.live && a.disk.warning)
    .map((a) => `${a.id}: ${a.disk.warning}\n`)
    .join('')}`;
}
