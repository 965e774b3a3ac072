import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runChecks } from '../../sandbox-agent/src/checks/run-checks.ts';
import { Engine } from '../../sandbox-agent/src/docker/engine.ts';
import { prepareSandboxNetwork } from '../../sandbox-agent/src/network/prepare-sandbox-network.ts';
import { agentSettings } from '../../sandbox-agent/src/sandboxes/agent-settings.ts';
import { SandboxManager } from '../../sandbox-agent/src/sandboxes/sandbox-manager.ts';
import { loadConfig } from '../config.ts';
import { loadCourse } from '../lessons/load-course.ts';
import { buildImages } from './build-images.ts';
import { ensurePrerequisites, RUNTIME_PACKAGES } from './prerequisites.ts';
import { ENGINE, ensureSandboxEngine } from './sandbox-engine.ts';

// `./berth lessons verify [id…]`: for each exercise, a fresh sandbox must FAIL its checks, then its
// reference solution must make them PASS. Proves that every check can fail and can pass.
export async function runLessonsVerify(ids: string[]): Promise<number> {
  await ensurePrerequisites(RUNTIME_PACKAGES);
  await ensureSandboxEngine();
  await buildImages();
  const course = await loadCourse();
  const exercises = [...course.exercises.values()].filter(
    (e) => !ids.length || ids.some((id) => e.id === id || e.id.startsWith(`${id}/`)),
  );
  if (!exercises.length) {
    process.stderr.write(`no exercise matches ${ids.join(', ')}\n`);
    return 1;
  }
  const home = await fs.mkdtemp(path.join(os.tmpdir(), 'berth-verify-'));
  const settings = {
    ...agentSettings(loadConfig({ ...process.env, BERTH_HOME: home })),
    agentId: `verify-${process.pid}`,
  };
  const engine = new Engine(ENGINE.socket);
  const dns = await prepareSandboxNetwork({ mirror: settings.mirrorPort, dns: settings.dnsPort });
  const manager = new SandboxManager(engine, settings);
  let failures = 0;
  try {
    for (const ex of exercises) {
      const started = Date.now();
      const id = `verify-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
      const problems: string[] = [];
      try {
        await manager.create({
          id,
          owner: 'verify',
          nodes: [...ex.nodes],
          expiresAt: new Date(Date.now() + 3600_000),
        });
        const containerId = manager.nodeContainer(id, ex.node);
        const tasks = ex.tasks.map((t) => ({ id: t.id, assert: t.assert }));
        const nodeContainer = (node: string) => manager.nodeContainer(id, node);
        const before = await runChecks({ engine, containerId, nodeContainer, tasks, timeoutMs: 30_000 });
        for (const t of before) if (t.passed) problems.push(`task ${t.id} passes on a fresh sandbox`);
        const sol = await engine.exec(containerId, ['bash', '-lc', `set -e\n${ex.solution}`], {
          timeoutMs: 120_000,
        });
        if (sol.exitCode !== 0)
          problems.push(`reference solution failed (exit ${sol.exitCode}): ${sol.output.trim().slice(-300)}`);
        const after = await runChecks({ engine, containerId, nodeContainer, tasks, timeoutMs: 30_000 });
        for (const t of after)
          if (!t.passed) problems.push(`task ${t.id} fails after the solution: ${t.message}`);
      } catch (e) {
        problems.push(e instanceof Error ? e.message : String(e));
      } finally {
        await manager.remove(id).catch(() => {});
      }
      const secs = ((Date.now() - started) / 1000).toFixed(1);
      if (problems.length) {
        failures++;
        process.stdout.write(`✗ ${ex.id} (${secs}s)\n${problems.map((p) => `    ${p}`).join('\n')}\n`);
      } else process.stdout.write(`✓ ${ex.id}: fails fresh, passes with the reference solution (${secs}s)\n`);
    }
  } finally {
    dns.close();
    await fs.rm(home, { recursive: true, force: true });
  }
  process.stdout.write(`${exercises.length - failures} of ${exercises.length} exercise(s) verified\n`);
  return failures ? 1 : 0;
}
