/** Retryable errors that still prove nothing was sent: the provider refused the request before processing it. */
const REFUSED = new Set(['rate_limited', 'smtp_unavailable']);

/** Errors that end the attempt for good although the request may have been processed. */
const PROCESSED_MAYBE = new Set(['invalid_idempotent_request', 'resend_unexpected_response', 'unexpected']);

/**
 * Whether a failed attempt may still have been delivered by the provider. A permanent refusal (bad credentials, a
 * used-up quota, a malformed request) or a rate limit proves nothing was sent; a retryable failure after the request
 * may have left (a timeout, a reset connection, a 5xx, a concurrent request under the same key) leaves the outcome
 * unknown, as do a key that the provider says it saw with another payload and an answer it could not read.
 */
export function outcomeUnknown(code: string, retryable: boolean): boolean {
  if (PROCESSED_MAYBE.has(code)) return true;
  return retryable && !REFUSED.has(code);
}
