import { Engine } from '../../sandbox-agent/src/docker/engine.ts';
import { agentSettings } from '../../sandbox-agent/src/sandboxes/agent-settings.ts';
import { SandboxManager } from '../../sandbox-agent/src/sandboxes/sandbox-manager.ts';
import { ENGINE } from '../../server/cli/sandbox-engine.ts';
import { loadConfig } from '../../server/config.ts';

// Cleans up after a test run: adopt the run's sandboxes as its agent would, then remove them.
export async function removeAllSandboxesOfAgent(agentId: string, home: string): Promise<void> {
  const settings = { ...agentSettings(loadConfig({ ...process.env, BERTH_HOME: home })), agentId };
  const manager = new SandboxManager(new Engine(ENGINE.socket), settings);
  await manager.adopt();
  for (const s of manager.list()) await manager.remove(s.id).catch(() => {});
}
