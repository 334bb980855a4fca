/**
 * Errors that prove the provider did not send the batch: it refused the request before processing it (rate limit,
 * quota, credentials, a malformed request) or nothing left this process. Any other error after the request may
 * have left (a timeout, a reset connection, a 5xx, a concurrent request under the same key, an unexpected answer)
 * leaves the outcome unknown.
 */
const NOT_SENT = new Set([
  'rate_limited',
  'daily_quota_exceeded',
  'monthly_quota_exceeded',
  'missing_api_key',
  'invalid_api_key',
  'restricted_api_key',
  'not_found',
  'method_not_allowed',
  'invalid_idempotency_key',
  'validation_error',
  'smtp_unavailable',
  'template_error',
  'template_placeholder',
]);

/** Whether a failed attempt with this error code may still have been delivered by the provider. */
export function outcomeUnknown(code: string): boolean {
  return !NOT_SENT.has(code);
}
