/** The backoff type of the fetch stage: exponential from 2 s, capped, for as long as the outage window lasts. */
export const OUTAGE_BACKOFF = 'outage';

/** Attempts of the fetch stage: effectively unbounded; the outage window (not a count) decides when to give up. */
export const FETCH_MAX_ATTEMPTS = 10_000;

const BASE_DELAY_MS = 2000;

/** The wait before fetch attempt `attemptsMade + 1`: 2 s, 4 s, 8 s ... up to `maxDelayMs`, with ±20% jitter. */
export function outageBackoffDelay(attemptsMade: number, maxDelayMs: number, random: () => number = Math.random) {
  const exponential = BASE_DELAY_MS * 2 ** Math.min(Math.max(attemptsMade - 1, 0), 30);
  const capped = Math.min(exponential, maxDelayMs);
  return Math.round(capped * (0.8 + 0.4 * random()));
}
