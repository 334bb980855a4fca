import { UnrecoverableError } from 'bullmq';
import { PaperboyError } from '../src/shared/errors.ts';

/** Maps our typed errors onto BullMQ: not retryable -> UnrecoverableError (no attempts burnt), else rethrow. */
export function toJobError(error: unknown): Error {
  if (error instanceof PaperboyError && !error.retryable) {
    const unrecoverable = new UnrecoverableError(`${error.code}: ${error.message}`);
    unrecoverable.cause = error;
    return unrecoverable;
  }
  return error instanceof Error ? error : new Error(String(error));
}
