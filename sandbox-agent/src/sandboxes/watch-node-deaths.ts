import type { Engine } from '../docker/engine.ts';
import { LABEL } from '../docker/labels.ts';
import type { SandboxManager } from './sandbox-manager.ts';

// A node that dies (its inner dockerd crashed, or it was OOM-killed) makes its sandbox "failed", so the
// control plane's reconciliation can tell the learner and offer a new sandbox instead of a dead terminal.
export async function watchNodeDeaths(
  engine: Engine,
  manager: SandboxManager,
  agentId: string,
): Promise<() => void> {
  return engine.onContainerDeath({ [LABEL.managed]: 'true', [LABEL.agent]: agentId }, (e) => {
    const sandboxId = e.labels[LABEL.sandbox];
    const node = e.labels[LABEL.node] ?? 'a node';
    if (sandboxId) manager.markFailed(sandboxId, `${node} stopped (its Docker engine exited)`);
  });
}
