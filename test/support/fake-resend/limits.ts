/** Resend's limits: requests per second (a sliding one-second window, with its headers) and email quotas. */
import type { FakeResendSettings, Outcome } from './types.ts';
import { errorOutcome } from './types.ts';

/** The sliding one-second window over admitted requests, and the `ratelimit-*` / `retry-after` headers. */
export class RateWindow {
  private admitted: number[] = []; // arrival times of requests let through, last second only

  constructor(private readonly settings: FakeResendSettings) {}

  private headers(at: number, remainingAfter: number): Record<string, string> {
    if (this.settings.rateLimit === undefined) return {};
    const oldest = this.admitted[0];
    const resetS = oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + 1000 - at) / 1000));
    return {
      'ratelimit-limit': String(this.settings.rateLimit),
      'ratelimit-remaining': String(Math.max(0, remainingAfter)),
      'ratelimit-reset': String(resetS),
    };
  }

  /** Lets a request arriving at `at` through, or not; the headers to answer with either way. */
  admit(at: number): { ok: boolean; headers: Record<string, string> } {
    const limit = this.settings.rateLimit;
    if (limit === undefined) return { ok: true, headers: {} };
    this.admitted = this.admitted.filter((t) => t > at - 1000);
    if (this.admitted.length >= limit) {
      const headers = this.headers(at, 0);
      const waitMs = (this.admitted[0] as number) + 1000 - at;
      return { ok: false, headers: { ...headers, 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) } };
    }
    this.admitted.push(at);
    return { ok: true, headers: this.headers(at, limit - this.admitted.length) };
  }

  reset(): void {
    this.admitted = [];
  }
}

/** The answer to a request over the per-second limit. */
export const rateLimitError = (limit: number | undefined): Outcome =>
  errorOutcome(429, 'rate_limit_exceeded', `Too many requests. You can only make ${limit} requests per second.`);

/** The answer once a quota is used up. */
export const quotaError = (which: 'daily' | 'monthly'): Outcome =>
  which === 'daily'
    ? errorOutcome(429, 'daily_quota_exceeded', 'You have reached your daily email sending quota.')
    : errorOutcome(429, 'monthly_quota_exceeded', 'You have reached your monthly email sending quota.');

/** Emails counted per UTC day and month, each to/cc/bcc recipient one. */
export class QuotaCounter {
  private state = { day: '', dayCount: 0, month: '', monthCount: 0 };

  constructor(private readonly settings: FakeResendSettings) {}

  /** Which quota `count` more emails at `at` would exceed, if any. */
  check(at: number, count: number): 'daily' | 'monthly' | null {
    const iso = new Date(at).toISOString();
    const day = iso.slice(0, 10);
    const month = iso.slice(0, 7);
    if (this.state.day !== day) this.state = { ...this.state, day, dayCount: 0 };
    if (this.state.month !== month) this.state = { ...this.state, month, monthCount: 0 };
    const { dailyQuota, monthlyQuota } = this.settings;
    if (dailyQuota !== undefined && this.state.dayCount + count > dailyQuota) return 'daily';
    if (monthlyQuota !== undefined && this.state.monthCount + count > monthlyQuota) return 'monthly';
    return null;
  }

  /** Counts emails sent (after `check` said yes). */
  use(count: number): void {
    this.state.dayCount += count;
    this.state.monthCount += count;
  }

  reset(): void {
    this.state = { day: '', dayCount: 0, month: '', monthCount: 0 };
  }
}
