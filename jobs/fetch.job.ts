import { releaseDays } from '../src/editions/index.ts';
import { fetchEditionDays } from '../src/pipeline/index.ts';
import { editionJobSchema } from '../src/queue/index.ts';
import { PaperboyError, PermanentError, describeError } from '../src/shared/errors.ts';
import type { JobContext } from './processor.ts';

/**
 * Claims the edition's list days and fetches (or reuses) each of them. A Daily Papers outage is retried with a
 * capped backoff for PAPERS_OUTAGE_WINDOW_MINUTES from the first attempt; after that the stage fails loudly (and the
 * edition with it), giving its days back so a later edition can carry them (nothing of it was sent).
 */
export async function processFetch({ rt, job, log }: JobContext) {
  const data = editionJobSchema.parse(job.data);
  const firstAttemptAt = data.firstAttemptAt ?? Date.now();
  if (data.firstAttemptAt === undefined) await job.updateData({ ...data, firstAttemptAt });
  try {
    const { frozen, days } = await fetchEditionDays(rt, {
      edition: data.date,
      ...(data.days ? { proposed: data.days } : {}),
      refresh: data.refresh,
      freshSince: firstAttemptAt,
    });
    const papers = days.reduce((n, d) => n + d.papers, 0);
    const skippedItems = days.reduce((n, d) => n + d.skippedItems, 0);
    const fetched = days.some((d) => d.fetched);
    const perDay = Object.fromEntries(days.map((d) => [d.date, d.papers]));
    log.info({ frozen, papersByDay: perDay, papers, skipped: skippedItems, fetched }, 'papers ready');
    return { days: days.map((d) => d.date), papers, skippedItems, fetched, frozen };
  } catch (error) {
    const retryable = !(error instanceof PaperboyError) || error.retryable;
    const outageMs = Date.now() - firstAttemptAt;
    if (retryable && outageMs < rt.config.papersOutage.windowMs) {
      log.warn(
        { attempt: job.attemptsMade + 1, outageMs, error: describeError(error) },
        'papers API unavailable: will retry',
      );
      throw error;
    }
    await releaseDays(rt.redis, rt.keyspace, data.date);
    if (!retryable) {
      // The alert: e.g. every item of the day rejected (papers_rejected) fails the edition, loudly.
      log.error(
        { code: error instanceof PaperboyError ? error.code : undefined, error: describeError(error) },
        'papers could not be used: the edition failed',
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
