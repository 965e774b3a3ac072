import { loadAgentConfig } from '../../sandbox-agent/src/config.ts';
import { Engine } from '../../sandbox-agent/src/docker/engine.ts';
import { agentSettings } from '../../sandbox-agent/src/sandboxes/agent-settings.ts';
import { SandboxManager } from '../../sandbox-agent/src/sandboxes/sandbox-manager.ts';

// Cleans up after a test run: adopt the run's sandboxes as its agent would, then remove them.
export async function removeAllSandboxesOfAgent(agentId: string, home: string): Promise<void> {
  const c = loadAgentConfig({ ...process.env, BERTH_HOME: home });
  const manager = new SandboxManager(new Engine(c.BERTH_ENGINE_SOCKET), { ...agentSettings(c), agentId });
  await manager.adopt();
  for (const s of manager.list()) await manager.remove(s.id).catch(() => {});
  await manager.discardSpareDisk();
}
