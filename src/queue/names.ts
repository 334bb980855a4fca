/** Queue names, shared by producers (src/queue) and consumers (jobs/). */
export const QUEUES = {
  /** The edition flow: fetch -> build -> plan (waits for its send batches) -> finish. */
  edition: 'edition',
  /** Send batches, rate limited across every worker. */
  send: 'send',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

/** Job names on the edition queue, in flow order. */
export type EditionStage = 'fetch' | 'build' | 'plan' | 'finish';

/** Deterministic job id for a stage of an edition: enqueuing the same date twice adds nothing new. */
export function stageJobId(date: string, stage: EditionStage): string {
  return `${date}-${stage}`;
}
