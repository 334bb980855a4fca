import type { JobNode } from 'bullmq';
import { parseEditionDate } from '../shared/dates.ts';
import type { Queues } from './connection.ts';
import { DEFAULT_JOB_OPTIONS } from './connection.ts';
import { QUEUES, stageJobId, type EditionStage } from './names.ts';

/**
 * Adds the flow for one edition: finish <- plan <- build <- fetch (children run first). Every job id is
 * deterministic, so enqueuing a date that is already there creates nothing new.
 */
export async function enqueueEdition(
  queues: Queues,
  date: string,
  options: { refresh?: boolean } = {},
): Promise<JobNode> {
  parseEditionDate(date);
  const node = (stage: EditionStage, children?: Parameters<Queues['flow']['add']>[0][]) => ({
    name: stage,
    queueName: QUEUES.edition,
    data: { date, refresh: options.refresh ?? false },
    opts: { ...DEFAULT_JOB_OPTIONS, jobId: stageJobId(date, stage), failParentOnFailure: true },
    ...(children ? { children } : {}),
  });
  return queues.flow.add(node('finish', [node('plan', [node('build', [node('fetch')])])]));
}
