import type { JobNode } from 'bullmq';
import { enqueueEdition, stageJobId, type EnqueueEditionOptions, type Queues } from '../queue/index.ts';
import { PermanentError } from '../shared/errors.ts';

export interface StartEditionResult {
  node: JobNode;
  /** True when a failed flow of the date was cleared and started again. */
  restarted: boolean;
}

/**
 * Starts the edition of a date; adding a date that is queued, running or done adds nothing. A **failed** edition
 * (say the Daily Papers API stayed down for the whole outage window) is started again: its flow (every stage and
 * send job) is removed and added anew. Each stage redoes only what is missing: the fetch reuses a stored day, the
 * build keeps a frozen edition, the plan keeps every ledger record and re-adds the same batch ids, and the send
 * ledger never claims a delivery that was sent, so nobody gets the edition twice.
 */
export async function startEdition(
  queues: Pick<Queues, 'edition' | 'flow'>,
  date: string,
  options: EnqueueEditionOptions = {},
): Promise<StartEditionResult> {
  const finish = await queues.edition.getJob(stageJobId(date, 'finish'));
  let restarted = false;
  if (finish && (await finish.getState()) === 'failed') {
    const removed = await queues.edition.remove(stageJobId(date, 'finish'), { removeChildren: true });
    if (removed !== 1) {
      throw new PermanentError(
        `the failed edition ${date} still has a job running; try again once it has stopped`,
        'edition_busy',
      );
    }
    restarted = true;
  }
  return { node: await enqueueEdition(queues, date, options), restarted };
}
