import type { JobNode } from 'bullmq';
import { parseEditionDate } from '../shared/dates.ts';
import type { Queues } from './connection.ts';
import { FETCH_MAX_ATTEMPTS, OUTAGE_BACKOFF } from './backoff.ts';
import { DEFAULT_JOB_OPTIONS } from './connection.ts';
import { QUEUES, stageJobId, type EditionStage } from './names.ts';

export interface EnqueueEditionOptions {
  /** Fetch every day again even when stored. */
  refresh?: boolean;
  /** The list days proposed for the edition (default: its own date); see `editionJobSchema`. */
  days?: readonly string[];
}

/**
 * Adds the flow for one edition: finish <- plan <- build <- fetch (children run first). Every job id is
 * deterministic, so enqueuing a date that is already there creates nothing new.
 */
export async function enqueueEdition(
  queues: Pick<Queues, 'flow'>,
  date: string,
  options: EnqueueEditionOptions = {},
): Promise<JobNode> {
  parseEditionDate(date);
  for (const day of options.days ?? []) parseEditionDate(day, 'days');
  const node = (stage: EditionStage, children?: Parameters<Queues['flow']['add']>[0][]) => ({
    name: stage,
    queueName: QUEUES.edition,
    data: { date, refresh: options.refresh ?? false, ...(options.days ? { days: [...options.days] } : {}) },
    opts: {
      ...DEFAULT_JOB_OPTIONS,
      // The fetch rides out a Daily Papers outage (its processor gives up once the outage window has passed).
      ...(stage === 'fetch' ? { attempts: FETCH_MAX_ATTEMPTS, backoff: { type: OUTAGE_BACKOFF } } : {}),
      jobId: stageJobId(date, stage),
      failParentOnFailure: true,
    },
    ...(children ? { children } : {}),
  });
  return queues.flow.add(node('finish', [node('plan', [node('build', [node('fetch')])])]));
}
