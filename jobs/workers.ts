import { Worker, type Job } from 'bullmq';
import { OUTAGE_BACKOFF, QUEUES, isEditionJobName, outageBackoffDelay } from '../src/queue/index.ts';
import type { Runtime } from '../src/runtime/index.ts';
import { PermanentError } from '../src/shared/errors.ts';
import { connectRedis } from '../src/shared/redis.ts';
import { toJobError } from './job-errors.ts';
import { EDITION_PROCESSORS } from './registry.ts';
import { processSend } from './send.job.ts';
import { processTransactional } from './transactional.job.ts';

/** How many worker crashes one job survives before it is failed (then `deliveries retry` takes over). */
const MAX_STALLED_COUNT = 5;
/** Transactional emails in flight per process: enough that one always waits in the pacer's priority lane. */
const TRANSACTIONAL_CONCURRENCY = 4;

export interface Workers {
  edition: Worker;
  send: Worker;
  transactional: Worker;
  /** Stops taking jobs and waits for the active ones (graceful shutdown). */
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** Concurrent send batches in this process. */
  sendConcurrency?: number;
  /** Lock duration: how soon a crashed worker's jobs are picked up again. */
  lockDurationMs?: number;
}

/** Starts this process's workers for the edition, send and transactional queues. */
export function startWorkers(rt: Runtime, options: WorkerOptions = {}): Workers {
  // Node loads its fetch machinery on first use; doing it now keeps the first paced request from arriving late.
  fetch('data:,').catch(() => undefined);
  const connections = [
    connectRedis(rt.config.redis.url),
    connectRedis(rt.config.redis.url),
    connectRedis(rt.config.redis.url),
  ] as const;
  const common = {
    prefix: rt.keyspace.bullPrefix,
    lockDuration: options.lockDurationMs ?? rt.config.send.lockMs,
    stalledInterval: options.lockDurationMs ?? rt.config.send.lockMs,
    // A job stalls only when its worker died. BullMQ fails a job on its second stall by default, which left a batch
    // killed in two successive workers unsent; the ledger makes a re-run safe, so allow several crashes per job.
    maxStalledCount: MAX_STALLED_COUNT,
  };
  const edition = new Worker(
    QUEUES.edition,
    async (job: Job, token?: string) => {
      const log = rt.logger.child({ jobId: job.id, date: (job.data as { date?: string }).date, stage: job.name });
      try {
        if (!isEditionJobName(job.name)) throw new PermanentError(`unknown edition job "${job.name}"`, 'unknown_job');
        return await EDITION_PROCESSORS[job.name]({ rt, job, token: token ?? '', log });
      } catch (error) {
        if (error instanceof Error && error.name === 'WaitingChildrenError') throw error;
        log.warn(
          { error: error instanceof Error ? error.message : String(error), attempt: job.attemptsMade + 1 },
          'stage failed',
        );
        throw toJobError(error);
      }
    },
    {
      ...common,
      connection: connections[0],
      concurrency: 2,
      settings: {
        backoffStrategy: (attemptsMade: number, type?: string) =>
          type === OUTAGE_BACKOFF ? outageBackoffDelay(attemptsMade, rt.config.papersOutage.maxDelayMs) : -1,
      },
    },
  );
  const rate = rt.config.send.rate;
  const send: Worker = new Worker(
    QUEUES.send,
    (job: Job) =>
      processSend(
        rt,
        send,
        rt.queues.send,
        job,
        rt.logger.child({ jobId: job.id, date: (job.data as { date?: string }).date }),
      ),
    {
      ...common,
      connection: connections[1],
      concurrency: options.sendConcurrency ?? rt.config.send.concurrency,
      // A coarse global cap (and what makes worker.rateLimit apply to every worker); the pacer spaces calls exactly.
      limiter: { max: Math.max(1, Math.ceil(rate)), duration: 1000 },
    },
  );
  const transactional: Worker = new Worker(
    QUEUES.transactional,
    (job: Job) =>
      processTransactional(rt, transactional, job, rt.logger.child({ jobId: job.id, queue: QUEUES.transactional })),
    {
      ...common,
      connection: connections[2],
      concurrency: TRANSACTIONAL_CONCURRENCY,
      // BullMQ honours worker.rateLimit (after a 429) only on a worker with a limiter. This one is loose on purpose:
      // the pacer spaces the requests, and a tight cap here would leave gaps in the priority lane for digests to take.
      limiter: { max: 100, duration: 1000 },
    },
  );
  for (const w of [edition, send, transactional])
    w.on('error', (error) => rt.logger.error({ error: error.message, queue: w.name }, 'worker error'));
  return {
    edition,
    send,
    transactional,
    close: async () => {
      await Promise.all([edition.close(), send.close(), transactional.close()]);
      await Promise.all(connections.map((c) => c.quit().catch(() => c.disconnect())));
    },
  };
}
