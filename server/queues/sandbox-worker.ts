import { type Job, Worker } from 'bullmq';
import { detectLostAgents } from '../agents/detect-lost-agents.ts';
import { provisionSandbox } from '../sandboxes/provision-sandbox.ts';
import { reapIdleSandboxes } from '../sandboxes/reap-idle-sandboxes.ts';
import { reconcileSandboxes } from '../sandboxes/reconcile-sandboxes.ts';
import { stopSandbox } from '../sandboxes/stop-sandbox.ts';
import { refillWarmPool } from '../sandboxes/warm-pool.ts';
import { type JobName, jobSchemas, redisOptions, SANDBOX_QUEUE } from './sandbox-queue.ts';

// Each job: validate its payload, call one domain function.
async function handle(job: Job): Promise<void> {
  const name = job.name as JobName;
  const schema = jobSchemas[name];
  if (!schema) throw new Error(`unknown job ${job.name}`);
  const data = schema.parse(job.data);
  switch (name) {
    case 'provision':
      return provisionSandbox(
        (data as { sandboxId: string }).sandboxId,
        job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
      );
    case 'expire':
      return stopSandbox((data as { sandboxId: string }).sandboxId, 'expired: the time limit was reached');
    case 'reap-idle':
      await reapIdleSandboxes();
      return;
    case 'reconcile':
      return reconcileSandboxes();
    case 'refill-pool':
      await refillWarmPool();
      return;
    case 'detect-lost-agents':
      await detectLostAgents();
      return;
  }
}

export function startSandboxWorker(): Worker {
  const worker = new Worker(SANDBOX_QUEUE, handle, { connection: redisOptions(), concurrency: 8 });
  worker.on('failed', (job, err) => console.error(`[worker] ${job?.name} ${job?.id} failed: ${err.message}`));
  return worker;
}
