import { type AgentConfig, agentConfig, loadAgentConfig } from '../config.ts';
import { buildImages } from './build-images.ts';
import { removeAllSandboxes } from './remove-all-sandboxes.ts';
import { ensureSandboxEngine, stopSandboxEngine } from './sandbox-engine.ts';

export { COURSE_IMAGE_REFS } from './course-images.ts';
export { freePort } from './free-port.ts';
export { mirrorAnswers } from './image-mirror.ts';
export { HostError, info, step } from './progress.ts';
export { sh } from './shell.ts';
// The worker host as the CLI (cli/) sees it: the agent owns its host — the sandbox engine, the images,
// the image store, the mirror and the firewall — and this is all of it the CLI calls.
export type { AgentConfig };
export { agentConfig, loadAgentConfig };

// The sandbox engine running, then every image built (incremental: only what changed since the last build).
export async function provisionWorkerHost(
  c: AgentConfig = agentConfig(),
  opts: { forceImages?: boolean } = {},
): Promise<void> {
  await ensureSandboxEngine(c.BERTH_ENGINE_SOCKET);
  await buildImages(c, { force: !!opts.forceImages });
}

// Every sandbox of every agent on this host (containers, networks, disks under c.sandboxesDir); the count.
export function removeHostSandboxes(c: AgentConfig = agentConfig()): Promise<number> {
  return removeAllSandboxes(c.BERTH_ENGINE_SOCKET, c.sandboxesDir);
}

export function startSandboxEngine(c: AgentConfig = agentConfig()): Promise<void> {
  return ensureSandboxEngine(c.BERTH_ENGINE_SOCKET);
}

export { stopSandboxEngine };
