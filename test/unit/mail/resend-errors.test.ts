import { describe, expect, it } from 'vitest';
import {
  batchOutcomes,
  classifyResendError,
  DEFAULT_RETRY_AFTER_MS,
  retryAfterMs,
  type ResendErrorLike,
} from '../../../src/mail/resend-errors.ts';
import {
  PermanentError,
  QuotaExceededError,
  RateLimitedError,
  TransientError,
  type PaperboyError,
} from '../../../src/shared/errors.ts';

const err = (name: string, statusCode: number | null, message = 'm'): ResendErrorLike => ({
  name,
  statusCode,
  message,
});

function thrown(e: ResendErrorLike, headers: Record<string, string> | null = null): PaperboyError {
  const verdict = classifyResendError(e, headers, 0);
  if (verdict.kind !== 'throw') throw new Error(`expected a thrown error, got ${JSON.stringify(verdict)}`);
  return verdict.error;
}

describe('retryAfterMs', () => {
  it('prefers retry-after seconds', () => {
    expect(retryAfterMs({ 'retry-after': '2', 'ratelimit-reset': '5' })).toBe(2000);
  });
  it('reads an HTTP date in retry-after', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(retryAfterMs({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }, now)).toBe(3000);
  });
  it('falls back to ratelimit-reset, whatever the header case', () => {
    expect(retryAfterMs({ 'RateLimit-Reset': '1' })).toBe(1000);
  });
  it('defaults when neither header helps', () => {
    expect(retryAfterMs(null)).toBe(DEFAULT_RETRY_AFTER_MS);
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBe(DEFAULT_RETRY_AFTER_MS);
  });
  it('never returns zero', () => {
    expect(retryAfterMs({ 'retry-after': '0' })).toBe(1);
  });
});

describe('classifyResendError', () => {
  it('maps rate_limit_exceeded to RateLimitedError with the wait from the headers', () => {
    const e = thrown(err('rate_limit_exceeded', 429), { 'retry-after': '3' });
    expect(e).toBeInstanceOf(RateLimitedError);
    expect((e as RateLimitedError).retryAfterMs).toBe(3000);
    expect(e.retryable).toBe(true);
  });

  it('treats an unnamed 429 as a rate limit too', () => {
    expect(thrown(err('application_error', 429), { 'ratelimit-reset': '2' })).toBeInstanceOf(RateLimitedError);
  });

  it.each(['daily_quota_exceeded', 'monthly_quota_exceeded'])('maps %s to QuotaExceededError', (name) => {
    const e = thrown(err(name, 429));
    expect(e).toBeInstanceOf(QuotaExceededError);
    expect(e.code).toBe(name);
    expect(e.retryable).toBe(false);
  });

  it.each([
    ['application_error', null],
    ['application_error', 502],
    ['internal_server_error', 500],
    ['concurrent_idempotent_requests', 409],
    ['whatever', 503],
  ] as const)('maps %s (%s) to TransientError', (name, status) => {
    const e = thrown(err(name, status));
    expect(e).toBeInstanceOf(TransientError);
    expect(e.code).toBe(name);
  });

  it('maps invalid_idempotent_request to a PermanentError with that code', () => {
    const e = thrown(err('invalid_idempotent_request', 409));
    expect(e).toBeInstanceOf(PermanentError);
    expect(e.code).toBe('invalid_idempotent_request');
  });

  it.each([
    ['missing_api_key', 401],
    ['invalid_api_key', 403],
    ['restricted_api_key', 401],
    ['not_found', 404],
    ['invalid_idempotency_key', 400],
    ['application_error', 403],
  ] as const)('throws setup error %s (%s) as PermanentError instead of failing the messages', (name, status) => {
    const e = thrown(err(name, status));
    expect(e).toBeInstanceOf(PermanentError);
    expect(e.code).toBe(name);
  });

  it.each([
    ['validation_error', 422],
    ['missing_required_field', 422],
    ['invalid_from_address', 422],
    ['validation_error', 403],
    ['security_error', 451],
  ] as const)('fails the messages for %s (%s) with the reason', (name, status) => {
    expect(classifyResendError(err(name, status, 'Invalid `to` field.'), null)).toEqual({
      kind: 'fail-messages',
      code: name,
      reason: 'Invalid `to` field.',
    });
  });
});

describe('batchOutcomes', () => {
  it('pairs ids with messages in order', () => {
    expect(batchOutcomes({ data: [{ id: 'a' }, { id: 'b' }] }, 2)).toEqual([
      { index: 0, status: 'sent', providerId: 'a' },
      { index: 1, status: 'sent', providerId: 'b' },
    ]);
  });

  it('skips the indexes named in permissive errors', () => {
    const body = { data: [{ id: 'a' }, { id: 'c' }], errors: [{ index: 1, message: 'Invalid `to` field.' }] };
    expect(batchOutcomes(body, 3)).toEqual([
      { index: 0, status: 'sent', providerId: 'a' },
      { index: 1, status: 'failed', code: 'validation_error', reason: 'Invalid `to` field.' },
      { index: 2, status: 'sent', providerId: 'c' },
    ]);
  });

  it('records created emails as sent even when an id is missing', () => {
    expect(batchOutcomes({ data: [{ id: 'a' }] }, 2)[1]).toEqual({ index: 1, status: 'sent', providerId: 'unknown' });
  });

  it('throws a PermanentError on an answer of another shape', () => {
    expect(() => batchOutcomes({ id: 'x' }, 1)).toThrow(PermanentError);
  });
});
