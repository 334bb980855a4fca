import { getDay } from '../src/papers/index.ts';
import { editionJobSchema } from '../src/queue/index.ts';
import { PaperboyError, PermanentError, describeError } from '../src/shared/errors.ts';
import type { JobContext } from './processor.ts';

/**
 * Fetches (or reuses) the day's papers. A Daily Papers outage is retried with a capped backoff for
 * PAPERS_OUTAGE_WINDOW_MINUTES from the first attempt; after that the stage fails loudly (and the edition with it).
 */
export async function processFetch({ rt, job, log }: JobContext) {
  const data = editionJobSchema.parse(job.data);
  const firstAttemptAt = data.firstAttemptAt ?? Date.now();
  if (data.firstAttemptAt === undefined) await job.updateData({ ...data, firstAttemptAt });
  try {
    const { day, fetched } = await getDay(rt.papers, rt.redis, rt.keyspace, data.date, { refresh: data.refresh });
    log.info({ papers: day.papers.length, skipped: day.skipped.length, fetched, source: day.source }, 'papers ready');
    return { papers: day.papers.length, skippedItems: day.skipped.length, fetched };
  } catch (error) {
    const retryable = !(error instanceof PaperboyError) || error.retryable;
    const outageMs = Date.now() - firstAttemptAt;
    if (!retryable) {
      // The alert: e.g. every item of the day rejected (papers_rejected) fails the edition, loudly.
      log.error(
        { code: error instanceof PaperboyError ? error.code : undefined, error: describeError(error) },
        'papers could not be used: the edition failed',
      );
      throw error;
    }
    if (outageMs < rt.config.papersOutage.windowMs) {
      log.warn(
        { attempt: job.attemptsMade + 1, outageMs, error: describeError(error) },
        'papers API unavailable: will retry',
      );
      throw error;
    }
    const minutes = Math.round(outageMs / 60_000);
    log.error(
      { outageMs, attempts: job.attemptsMade + 1, error: describeError(error) },
      'the Daily Papers API stayed unavailable for the whole outage window: the edition failed',
    );
    throw new PermanentError(
      `the Daily Papers API was unavailable for ${minutes} min (PAPERS_OUTAGE_WINDOW_MINUTES=${rt.config.papersOutage.windowMs / 60_000}): ${describeError(error)}. Run \`paperboy run --date ${data.date}\` once it is back`,
      'papers_unavailable',
      error,
    );
  }
}
