import { agentConfig, step } from '../../sandbox-agent/src/host/index.ts';
import { runningPid, startBackground, tailLog } from '../background-process.ts';
import { CliError } from '../cli-error.ts';
import { waitForHttp, waitForRegisteredAgent } from '../health.ts';
import { prepareHost } from '../prepare-host.ts';

// `./berth up --agent`: a worker host — the sandbox engine, the images and one sandbox-agent that
// registers with the control plane at BERTH_CONTROL_URL. No web server, database or Redis here.
export async function runUpAgent(): Promise<number> {
  for (const name of ['BERTH_CONTROL_URL', 'BERTH_AGENT_TOKEN', 'BERTH_AGENT_ID', 'BERTH_AGENT_URL']) {
    if (!process.env[name]) throw new CliError(`a worker host needs ${name} (see README "Scale-out")`);
  }
  await prepareHost({ forTests: false });
  const c = agentConfig();
  if (!(await runningPid(c.BERTH_HOME, 'agent'))) {
    await step('Starting the sandbox agent', async () => {
      const args = ['--import', 'tsx', 'sandbox-agent/src/main.ts'];
      await startBackground(c.BERTH_HOME, 'agent', 'node', args, process.env);
      const ok = await waitForHttp(`${c.BERTH_AGENT_URL}/v1/info`, {
        timeoutMs: 30_000,
        headers: { authorization: `Bearer ${c.BERTH_AGENT_TOKEN}` },
      });
      if (!ok) throw new CliError(`the agent did not start:\n${await tailLog(c.BERTH_HOME, 'agent')}`);
    });
  }
  await step(`Registering with ${c.BERTH_CONTROL_URL}`, async () => {
    const health = `${c.BERTH_CONTROL_URL}/api/health`;
    if (!(await waitForRegisteredAgent(health, c.BERTH_AGENT_ID, { timeoutMs: 30_000 })))
      throw new CliError(
        `the control plane does not list this agent:\n${await tailLog(c.BERTH_HOME, 'agent')}`,
      );
  });
  process.stdout.write(`\nWorker host ${c.BERTH_AGENT_ID} is taking sandboxes.\n`);
  return 0;
}
