/**
 * What a Resend answer means for Paperboy. The SDK never throws on HTTP errors: it returns `{ data, error, headers }`
 * with `error.name` one of Resend's error names (a network failure or a non-JSON body is `application_error`). Here
 * each name becomes either a typed error to throw (the batch as a whole: wait, pause, retry or stop) or a permanent
 * failure of the messages themselves. Facts: ../shared/notes/email-engineering.md section A.
 */
import { z } from 'zod';
import {
  PermanentError,
  QuotaExceededError,
  RateLimitedError,
  TransientError,
  type PaperboyError,
} from '../shared/errors.ts';
import type { SendOutcome } from './message.ts';

/** The error half of a Resend SDK result. */
export interface ResendErrorLike {
  name: string;
  message: string;
  statusCode: number | null;
}

/** A Resend error either stops the whole batch (thrown) or fails its messages with a reason (recorded). */
export type ResendErrorVerdict =
  { kind: 'throw'; error: PaperboyError } | { kind: 'fail-messages'; code: string; reason: string };

/** Waiting this long when a 429 carries neither `retry-after` nor `ratelimit-reset`. */
export const DEFAULT_RETRY_AFTER_MS = 1_000;

/**
 * Errors about our account or our request as a whole, not about any message: failing the messages would burn the
 * edition for a setup mistake, so they are thrown as PermanentError (code = Resend's name) for the caller to stop on.
 */
const SETUP_ERRORS = new Set([
  'missing_api_key',
  'invalid_api_key',
  'restricted_api_key',
  'not_found',
  'method_not_allowed',
  'invalid_idempotency_key',
]);

/** Errors that a retry with the same idempotency key can get past. */
const TRANSIENT_ERRORS = new Set(['internal_server_error', 'concurrent_idempotent_requests']);

function header(headers: Record<string, string> | null | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  const direct = headers[name];
  if (direct !== undefined) return direct;
  const found = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return found === undefined ? undefined : headers[found];
}

/**
 * How long a 429 asks us to wait: `retry-after` (seconds or an HTTP date), else `ratelimit-reset` (seconds), else
 * one second. Never less than 1 ms.
 */
export function retryAfterMs(headers: Record<string, string> | null | undefined, now = Date.now()): number {
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (retryAfter) {
    const seconds = Number(retryAfter);
    if (Number.isFinite(seconds) && seconds >= 0) return Math.max(1, Math.round(seconds * 1000));
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(1, date - now);
  }
  const reset = Number(header(headers, 'ratelimit-reset')?.trim() ?? Number.NaN);
  if (Number.isFinite(reset) && reset >= 0) return Math.max(1, Math.round(reset * 1000));
  return DEFAULT_RETRY_AFTER_MS;
}

/**
 * Classifies one Resend error:
 * - `rate_limit_exceeded` (or any other 429) -> RateLimitedError with the wait from the headers;
 * - `daily_quota_exceeded` / `monthly_quota_exceeded` -> QuotaExceededError (pause, burn no retries);
 * - network failures, 5xx, `internal_server_error`, `concurrent_idempotent_requests` -> TransientError (retry with the
 *   same key);
 * - `invalid_idempotent_request` -> PermanentError: the key was used for another payload, retrying cannot help;
 * - auth and endpoint errors -> PermanentError (setup, not the messages);
 * - validation and every other 4xx -> the messages fail permanently with Resend's name and message.
 */
export function classifyResendError(
  error: ResendErrorLike,
  headers: Record<string, string> | null | undefined,
  now = Date.now(),
): ResendErrorVerdict {
  const { name, statusCode } = error;
  const what = `Resend ${statusCode ?? 'network'} ${name}: ${error.message}`;
  if (name === 'daily_quota_exceeded' || name === 'monthly_quota_exceeded') {
    return { kind: 'throw', error: new QuotaExceededError(what, name, error) };
  }
  if (name === 'rate_limit_exceeded' || statusCode === 429) {
    return { kind: 'throw', error: new RateLimitedError(what, retryAfterMs(headers, now), error) };
  }
  if (name === 'invalid_idempotent_request') {
    return { kind: 'throw', error: new PermanentError(what, 'invalid_idempotent_request', error) };
  }
  if (TRANSIENT_ERRORS.has(name) || statusCode === null || statusCode >= 500 || statusCode === 408) {
    return { kind: 'throw', error: new TransientError(what, name, error) };
  }
  // A non-JSON 4xx (the SDK calls it application_error) comes from a proxy or firewall, not from validating our
  // emails, e.g. Cloudflare's 403 "1010" for a missing User-Agent.
  if (SETUP_ERRORS.has(name) || name === 'application_error') {
    return { kind: 'throw', error: new PermanentError(what, name, error) };
  }
  return { kind: 'fail-messages', code: name, reason: error.message };
}

const batchResponseSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1) })),
  errors: z.array(z.object({ index: z.number().int().nonnegative(), message: z.string() })).optional(),
});

/**
 * The outcome of each of `count` messages from a successful batch answer. In permissive mode `data` lists the
 * created emails in request order with the invalid ones left out, and `errors` names those by index; each error
 * becomes a permanent `validation_error` failure of that message. An answer of another shape throws PermanentError
 * `resend_unexpected_response` (not transient: the emails may exist, and a retry would get the same answer).
 */
export function batchOutcomes(body: unknown, count: number): SendOutcome[] {
  const parsed = batchResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new PermanentError(
      `Resend answered a batch with an unexpected shape: ${parsed.error.issues[0]?.message ?? 'invalid'}`,
      'resend_unexpected_response',
      parsed.error,
    );
  }
  const failed = new Map<number, string>();
  for (const e of parsed.data.errors ?? []) if (e.index < count) failed.set(e.index, e.message);
  const ids = parsed.data.data.map((d) => d.id);
  let next = 0;
  const outcomes: SendOutcome[] = [];
  for (let index = 0; index < count; index++) {
    const reason = failed.get(index);
    if (reason !== undefined) {
      outcomes.push({ index, status: 'failed', code: 'validation_error', reason });
    } else {
      // Should Resend ever return fewer ids than valid emails, the emails were still created: record them as sent
      // (a failure would invite a retry, i.e. a duplicate) with an unknown id.
      outcomes.push({ index, status: 'sent', providerId: ids[next++] ?? 'unknown' });
    }
  }
  return outcomes;
}
