import { Queue, FlowProducer, type ConnectionOptions } from 'bullmq';
import type { RedisClient } from '../shared/redis.ts';
import type { Keyspace } from '../shared/keyspace.ts';
import { QUEUES } from './names.ts';
import { openTransactionalQueue } from './transactional.ts';

/** Default options for every job: retries with exponential backoff, finished jobs kept for inspection a while. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: 'exponential' as const, delay: 2000, jitter: 0.25 },
  removeOnComplete: { age: 14 * 24 * 3600, count: 50_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/** Producer handles for every queue under the installation's hash-tagged prefix. */
export interface Queues {
  readonly edition: Queue;
  readonly send: Queue;
  readonly transactional: Queue;
  readonly flow: FlowProducer;
  close(): Promise<void>;
}

export function openQueues(connection: RedisClient | ConnectionOptions, ks: Keyspace): Queues {
  const opts = { connection, prefix: ks.bullPrefix, defaultJobOptions: DEFAULT_JOB_OPTIONS };
  const edition = new Queue(QUEUES.edition, opts);
  const send = new Queue(QUEUES.send, opts);
  const transactional = openTransactionalQueue(connection, ks);
  const flow = new FlowProducer({ connection, prefix: ks.bullPrefix });
  return {
    edition,
    send,
    transactional,
    flow,
    close: async () => {
      await Promise.all([edition.close(), send.close(), transactional.close(), flow.close()]);
    },
  };
}
