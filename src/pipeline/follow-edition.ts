import { setTimeout as sleep } from 'node:timers/promises';
import { Job } from 'bullmq';
import type { DeliveryLedger } from '../deliveries/index.ts';
import { stageJobId, type Queues } from '../queue/index.ts';
import { editionFailure } from './edition-status.ts';

/** How following an edition ended. */
export type EditionOutcome =
  | { state: 'completed'; summary: Record<string, unknown> }
  | { state: 'failed'; reason: string }
  | { state: 'not queued' };

export interface FollowOptions {
  /** Also wait until no delivery is queued or sending (retries after the flow finished); default false. */
  untilSettled?: boolean;
  /** Poll interval; default 500 ms. */
  intervalMs?: number;
}

/**
 * Follows an edition: polls its ledger counts and its flow, calling `onTick` with the counts and the send rate
 * (sent per second over the last second or more), until the flow's finish job has completed or failed (and, with
 * `untilSettled`, nothing is pending). Returns the finish job's summary or failure; `not queued` when it has no flow.
 */
export async function followEdition(
  deps: { queues: Pick<Queues, 'edition'>; ledger: DeliveryLedger },
  date: string,
  onTick: (counts: Record<string, number>, rate: number) => void,
  options: FollowOptions = {},
): Promise<EditionOutcome> {
  let last = { sent: -1, at: Date.now() };
  let rate = 0;
  for (;;) {
    const counts = await deps.ledger.counts(date);
    const now = Date.now();
    if (last.sent < 0) last = { sent: counts.sent, at: now };
    else if (now - last.at >= 1000) {
      rate = ((counts.sent - last.sent) * 1000) / (now - last.at);
      last = { sent: counts.sent, at: now };
    }
    onTick(counts, rate);
    const pending = counts.queued + counts.sending;
    const job = await Job.fromId(deps.queues.edition, stageJobId(date, 'finish'));
    const state = job ? await job.getState() : 'not queued';
    const settled = !options.untilSettled || pending === 0;
    if (state === 'failed') return { state, reason: (await editionFailure(deps.queues, date)) ?? 'unknown' };
    if (state === 'not queued' && settled) return { state };
    if (state === 'completed' && settled) {
      // Read the job again: the copy above may predate its completion (and so its return value).
      const done = await Job.fromId(deps.queues.edition, stageJobId(date, 'finish'));
      return { state, summary: (done?.returnvalue ?? {}) as Record<string, unknown> };
    }
    await sleep(options.intervalMs ?? 500);
  }
}
