import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadAgentConfig } from '../../sandbox-agent/src/config.ts';
import { Engine } from '../../sandbox-agent/src/docker/engine.ts';
import { startSandboxEngine } from '../../sandbox-agent/src/host/index.ts';
import { prepareSandboxNetwork } from '../../sandbox-agent/src/network/prepare-sandbox-network.ts';
import { type AgentSettings, agentSettings } from '../../sandbox-agent/src/sandboxes/agent-settings.ts';
import { SandboxManager } from '../../sandbox-agent/src/sandboxes/sandbox-manager.ts';

// A real agent core (SandboxManager) on the real sandbox engine, with its own agent id and temp home,
// so tests never touch sandboxes of a running Berth.
export interface AgentHarness {
  engine: Engine;
  manager: SandboxManager;
  settings: AgentSettings;
  home: string;
  newManager(): SandboxManager;
  cleanup(): Promise<void>;
}

export async function startAgentHarness(overrides: Partial<AgentSettings> = {}): Promise<AgentHarness> {
  await startSandboxEngine();
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-agent-test-'));
  const c = loadAgentConfig({ ...process.env, BERTH_HOME: home });
  const settings: AgentSettings = {
    ...agentSettings(c),
    agentId: `test-${process.pid}-${Math.random().toString(36).slice(2, 7)}`,
    ...overrides,
  };
  const dns = await prepareSandboxNetwork({
    mirror: settings.mirrorPort,
    dns: settings.dnsPort,
    apt: settings.aptPort,
  });
  const engine = new Engine(c.BERTH_ENGINE_SOCKET);
  const managers: SandboxManager[] = [];
  const newManager = () => {
    const m = new SandboxManager(engine, settings);
    managers.push(m);
    return m;
  };
  const manager = newManager();
  await manager.prepareSpareDisk();
  return {
    engine,
    manager,
    settings,
    home,
    newManager,
    async cleanup() {
      for (const m of managers) for (const s of m.list()) await m.remove(s.id).catch(() => {});
      for (const m of managers) await m.spareDiskIdle();
      dns.close();
      await fs.rm(home, { recursive: true, force: true });
    },
  };
}

export function testSandboxId(): string {
  return `t${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
}
