import { agentConfig, redactAgentConfig } from './config.ts';
import { Engine } from './docker/engine.ts';
import { createAgentServer } from './http/agent-server.ts';
import { prepareSandboxNetwork } from './network/prepare-sandbox-network.ts';
import { startHeartbeatLoop } from './registration/heartbeat-loop.ts';
import { agentSettings } from './sandboxes/agent-settings.ts';
import { SandboxManager } from './sandboxes/sandbox-manager.ts';
import { watchNodeDeaths } from './sandboxes/watch-node-deaths.ts';

// sandbox-agent: runs on each worker host, drives the dedicated sandbox engine, serves the control plane.
const REAP_EVERY_MS = 60_000;
const EXPIRY_GRACE_MS = 5 * 60_000;

async function main(): Promise<void> {
  const c = agentConfig();
  if (!c.BERTH_AGENT_TOKEN) throw new Error('BERTH_AGENT_TOKEN is required');
  const engine = new Engine(c.BERTH_ENGINE_SOCKET);
  await engine.ping();
  await prepareSandboxNetwork({
    mirror: c.BERTH_MIRROR_PORT,
    dns: c.BERTH_SANDBOX_DNS_PORT,
    apt: c.BERTH_APT_PORT,
  });
  const manager = new SandboxManager(engine, agentSettings(c));
  const { adopted, removed } = await manager.adopt();
  console.log(
    `[agent] ${c.BERTH_AGENT_ID}: adopted ${adopted.length} sandbox(es), cleaned ${removed.length} leftover(s)`,
  );
  void manager.prepareSpareDisk();
  await watchNodeDeaths(engine, manager, c.BERTH_AGENT_ID);
  const reaper = setInterval(() => {
    manager.reapExpired(EXPIRY_GRACE_MS).then(
      ({ reaped, failed }) => {
        if (reaped.length) console.log(`[agent] reaped expired sandboxes: ${reaped.join(', ')}`);
        for (const f of failed)
          console.error(`[agent] reaping ${f.id} failed (retried next round):`, f.error);
      },
      (e) => console.error('[agent] reaper', e),
    );
  }, REAP_EVERY_MS);
  const server = createAgentServer({
    manager,
    engine,
    token: c.BERTH_AGENT_TOKEN,
    agentId: c.BERTH_AGENT_ID,
  });
  const url = new URL(c.BERTH_AGENT_URL);
  await new Promise<void>((resolve) =>
    server.listen(Number(url.port || c.BERTH_AGENT_PORT), url.hostname, resolve),
  );
  console.log(`[agent] listening on ${url.host}; config ${JSON.stringify(redactAgentConfig(c))}`);
  // Register with the control plane, then heartbeat: capacity and load drive placement there.
  const startedAt = new Date();
  const heartbeats = c.BERTH_AGENT_REGISTER
    ? startHeartbeatLoop({
        controlUrl: c.BERTH_CONTROL_URL,
        token: c.BERTH_AGENT_TOKEN,
        intervalMs: c.BERTH_AGENT_HEARTBEAT_MS,
        report: () => ({
          id: c.BERTH_AGENT_ID,
          url: c.BERTH_AGENT_URL,
          capacity: manager.capacity,
          sandboxes: manager.list().length,
          state: 'ready',
          startedAt,
          disk: manager.diskReport(),
        }),
      })
    : undefined;
  // Sandboxes deliberately outlive the agent: a restarted agent re-adopts them.
  const stop = async () => {
    clearInterval(reaper);
    await heartbeats?.stop('stopping');
    server.close();
    await manager.spareDiskIdle();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

main().catch((e) => {
  console.error('[agent] fatal:', e instanceof Error ? e.message : e);
  process.exit(1);
});
