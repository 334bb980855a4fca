import { claimDays, loadEdition } from '../editions/index.ts';
import { getDay, loadDay } from '../papers/index.ts';
import type { Runtime } from '../runtime/index.ts';

export interface FetchedEditionDay {
  date: string;
  papers: number;
  skippedItems: number;
  /** False when the stored day was used. */
  fetched: boolean;
}

export interface FetchEditionInput {
  edition: string;
  /** The days proposed for the edition (default: its own date); it keeps the days it claimed first. */
  proposed?: readonly string[];
  /** Fetch every day again, so its votes are as late as can be. */
  refresh: boolean;
  /** With `refresh`, a day stored at or after this time (ms) counts as fresh: a retried fetch does not redo it. */
  freshSince?: number;
}

/**
 * The fetch stage of an edition: claims its list days (see `claimDays`) and makes sure each is stored, fetching it
 * again when `refresh` is set. An edition whose sending has started is frozen: nothing is claimed or fetched.
 */
export async function fetchEditionDays(
  rt: Pick<Runtime, 'redis' | 'keyspace' | 'papers' | 'config'>,
  input: FetchEditionInput,
): Promise<{ frozen: boolean; days: FetchedEditionDay[] }> {
  const { redis, keyspace: ks } = rt;
  const stored = await loadEdition(redis, ks, input.edition);
  if (stored?.frozenAt) return { frozen: true, days: [] };
  const days = await claimDays(redis, ks, input.edition, input.proposed ?? [input.edition]);
  const result: FetchedEditionDay[] = [];
  for (const date of days) {
    const known = input.refresh && input.freshSince !== undefined ? await loadDay(redis, ks, date) : null;
    const { day, fetched } =
      known && Date.parse(known.fetchedAt) >= (input.freshSince ?? Infinity)
        ? { day: known, fetched: false }
        : await getDay(rt.papers, redis, ks, date, {
            refresh: input.refresh,
            retentionSeconds: rt.config.retention.papersSeconds,
          });
    result.push({ date, papers: day.papers.length, skippedItems: day.skipped.length, fetched });
  }
  return { frozen: false, days: result };
}
