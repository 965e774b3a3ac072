import { type Job, Worker } from 'bullmq';
import { detectLostAgents } from '../agents/detect-lost-agents.ts';
import { config } from '../config.ts';
import { replicaId } from '../http/replica-header.ts';
import { enqueueClassroomPrewarms, refillClassroomPrewarm } from '../sandboxes/classroom-prewarm.ts';
import { provisionSandbox } from '../sandboxes/provision-sandbox.ts';
import { reapIdleSandboxes } from '../sandboxes/reap-idle-sandboxes.ts';
import { reconcileSandboxes } from '../sandboxes/reconcile-sandboxes.ts';
import { stopSandbox } from '../sandboxes/stop-sandbox.ts';
import { refillWarmPool } from '../sandboxes/warm-pool.ts';
import {
  enqueueRefill,
  type JobName,
  jobSchemas,
  REFILL_JOB_ID,
  redisOptions,
  SANDBOX_QUEUE,
} from './sandbox-queue.ts';

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
      // Refills must not overlap (two would both see the pool short and overfill it), across replicas
      // and within one worker's concurrency: only the one job with id refill-pool-now refills, and
      // BullMQ holds at most one job per id; the scheduler's tick just asks for it.
      if (job.id !== REFILL_JOB_ID) return enqueueRefill();
      await refillWarmPool();
      await enqueueClassroomPrewarms();
      return;
    case 'prewarm-classroom':
      await refillClassroomPrewarm((data as { classroomId: string }).classroomId);
      return;
    case 'detect-lost-agents':
      await detectLostAgents();
      return;
  }
}

export function startSandboxWorker(): Worker {
  const c = config();
  // Several control-plane replicas may each run a worker on the one Redis: BullMQ gives each job to one
  // of them, and a job whose replica died (its lock not renewed) is taken up by another.
  const worker = new Worker(SANDBOX_QUEUE, handle, {
    connection: redisOptions(),
    concurrency: 8,
    name: replicaId(),
    lockDuration: c.BERTH_JOB_LOCK_MS,
    stalledInterval: c.BERTH_JOB_LOCK_MS,
  });
  worker.on('failed', (job, err) => console.error(`[worker] ${job?.name} ${job?.id} failed: ${err.message}`));
  return worker;
}
