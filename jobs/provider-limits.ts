import { Worker, type Queue } from 'bullmq';
import type { SendPacer } from '../src/deliveries/index.ts';
import { QuotaExceededError, RateLimitedError } from '../src/shared/errors.ts';
import type { Logger } from '../src/shared/logger.ts';

/** How long a worker waits before it looks again after a quota error paused its queue. */
const QUOTA_BACKOFF_MS = 60_000;

/**
 * Maps the provider's limits onto BullMQ for a sending worker: a 429 holds back every sender (the shared pacer and
 * this queue's workers) for the time the provider asked, burning no attempt; a used-up quota pauses `queue` and logs
 * an error. Returns the error to throw, or undefined when `error` is not a provider limit.
 */
export async function providerLimitError(
  error: unknown,
  ctx: { pacer: SendPacer; worker: Worker; queue: Queue; log: Logger },
): Promise<Error | undefined> {
  if (error instanceof RateLimitedError) {
    ctx.log.warn({ retryAfterMs: error.retryAfterMs }, 'provider rate limit: holding back every sender');
    await ctx.pacer.pushBack(error.retryAfterMs);
    await ctx.worker.rateLimit(Math.max(1, error.retryAfterMs));
    return Worker.RateLimitError();
  }
  if (error instanceof QuotaExceededError) {
    ctx.log.error(
      { code: error.code, error: error.message, queue: ctx.queue.name },
      `provider quota used up: the ${ctx.queue.name} queue is paused; resume it once the quota resets`,
    );
    await ctx.queue.pause();
    await ctx.worker.rateLimit(QUOTA_BACKOFF_MS);
    return Worker.RateLimitError();
  }
  return undefined;
}
