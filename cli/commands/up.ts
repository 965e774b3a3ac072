import { loadAgentConfig, sh, step } from '../../sandbox-agent/src/host/index.ts';
import { loadConfig, previewPort } from '../../server/config.ts';
import { runningPid, startBackground, stopBackground, tailLog } from '../background-process.ts';
import { CliError } from '../cli-error.ts';
import { portInUse, waitForHttp, waitForRegisteredAgent } from '../health.ts';
import { prepareHost, runtimeEnv } from '../prepare-host.ts';
import { ensureWebBuild } from '../web-build.ts';

// `./berth up`: idempotent; a second run only starts what is not running.
export async function runUp(): Promise<number> {
  await prepareHost({ forTests: false });
  const env = await runtimeEnv();
  const c = loadConfig(env);
  const agent = loadAgentConfig(env);
  const home = c.BERTH_HOME;
  const publicUrl = `http://localhost:${c.PORT}`;
  const healthUrl = `http://127.0.0.1:${c.PORT}/api/health`;

  const webRunning = !!(await runningPid(home, 'web')) && (await waitForHttp(healthUrl, { timeoutMs: 3000 }));
  if (!webRunning) {
    await stopBackground(home, 'web');
    if (await portInUse(c.PORT)) {
      throw new CliError(
        `port ${c.PORT} is busy (another program listens on it). Stop it, or set PORT=… and run again.`,
      );
    }
    // Port previews have a listener of their own (server/preview/preview-server.ts).
    if (await portInUse(previewPort(c))) {
      throw new CliError(
        `port ${previewPort(c)} (previews) is busy. Stop what listens there, or set BERTH_PREVIEW_PORT=… and run again.`,
      );
    }
    // Only while the web server is down: migrations take the database's write lock.
    await step('Migrating the database', () =>
      sh('node', ['--import', 'tsx', 'server/db/migrate.ts', 'deploy'], { env }),
    );
    await ensureWebBuild(env);
  }
  if (!(await runningPid(home, 'agent'))) {
    await step('Starting the sandbox agent', async () => {
      await startBackground(home, 'agent', 'node', ['--import', 'tsx', 'sandbox-agent/src/main.ts'], env);
      const ok = await waitForHttp(`${agent.BERTH_AGENT_URL}/v1/info`, {
        timeoutMs: 30_000,
        headers: { authorization: `Bearer ${env.BERTH_AGENT_TOKEN}` },
      });
      if (!ok) throw new CliError(`the agent did not start:\n${await tailLog(home, 'agent')}`);
    });
  }
  if (webRunning) {
    process.stdout.write(`Berth is already running: ${publicUrl}\n`);
    return 0;
  }
  await step('Starting the web server', async () => {
    await startBackground(home, 'web', 'node', ['--import', 'tsx', 'server/main.ts'], {
      ...env,
      NODE_ENV: 'production',
    });
    const ok = await waitForHttp(healthUrl, { timeoutMs: 60_000 });
    if (!ok) throw new CliError(`the web server did not start:\n${await tailLog(home, 'web')}`);
  });
  // The agent retries until the web server is up; sandboxes can be placed once it has registered.
  await step('Registering the sandbox agent', async () => {
    const ok = await waitForRegisteredAgent(healthUrl, agent.BERTH_AGENT_ID, { timeoutMs: 30_000 });
    if (!ok) {
      // An agent left running by an older Berth never heartbeats.
      const hint = 'if an older agent is still running: ./berth down, then ./berth up';
      throw new CliError(`the agent did not register (${hint}):\n${await tailLog(home, 'agent')}`);
    }
  });
  process.stdout.write(`\nBerth is ready: ${publicUrl}\n`);
  // The quick start's line (README) stays first; where learners' published ports open follows it.
  process.stdout.write(`Port previews: ${c.BERTH_PREVIEW_ORIGIN ?? `http://localhost:${previewPort(c)}`}\n`);
  return 0;
}
