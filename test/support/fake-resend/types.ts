/** The public shapes of the fake Resend: its options, what it records, and the handle tests hold. */

/** One injected failure. `when: 'after'` lets the request be accepted (emails recorded, answer stored) first. */
export type FailureStep =
  | { kind: 'status'; status: number; name?: string; message?: string; when?: 'before' | 'after' }
  /** A non-JSON error page, as a proxy in front of the API would answer (the SDK reports `application_error`). */
  | { kind: 'html'; status: number; when?: 'before' | 'after' }
  /** Destroy the connection without an answer. */
  | { kind: 'drop'; when?: 'before' | 'after' }
  /** Never answer; after `ms` (if given) destroy the connection. */
  | { kind: 'hang'; ms?: number; when?: 'before' | 'after' }
  /** Park the request unanswered until the test calls `release(seq, then?)`: orders events across processes. */
  | { kind: 'hold' }
  | { kind: 'rate-limit'; retryAfterS?: number }
  | { kind: 'quota'; which: 'daily' | 'monthly' }
  /** No failure: this request is handled as usual (spaces failures out, e.g. every other request fails). */
  | { kind: 'pass' };

export interface FakeResendOptions {
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The one API key accepted. Default `re_test_key`. */
  apiKey?: string;
  /** Requests per second (sliding 1 s window over admitted requests); unset = no limit and no ratelimit headers. */
  rateLimit?: number;
  /** Emails (each to/cc/bcc recipient counts one) per UTC day / month before 429 `*_quota_exceeded`. */
  dailyQuota?: number;
  monthlyQuota?: number;
  /** Time each request spends "in flight" before it is processed: a fixed ms or a [min, max] range. */
  latencyMs?: number | readonly [number, number];
  /** Failures consumed one per API request, in order. */
  script?: readonly FailureStep[];
  /** Domains whose addresses Resend refuses (it refuses example.com and test.com); default none. */
  rejectedDomains?: readonly string[];
  /** Keep one record per accepted email (default true); counts per recipient are kept either way. */
  recordMessages?: boolean;
  /** Keep html/text in the records (default false: memory). */
  keepBodies?: boolean;
  /**
   * How a request body becomes a value (default: JSON.parse of the UTF-8 text). The delivery bench plugs in a lean
   * parser that skips decoding html/text; an html/text member counts as present when it is a non-empty string.
   */
  parseBody?: (raw: Buffer) => unknown;
  idempotencyTtlMs?: number;
  /** The clock (ms); tests can move time to expire idempotency keys. */
  now?: () => number;
}

/** The settings a running fake can change (`configure`, POST /_configure). */
export type FakeResendSettings = Pick<FakeResendOptions, 'rateLimit' | 'dailyQuota' | 'monthlyQuota' | 'latencyMs'>;

export interface RecordedMessage {
  id: string;
  requestSeq: number;
  index: number;
  at: number;
  idempotencyKey: string | undefined;
  from: string;
  to: string[];
  subject: string;
  replyTo: string[];
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  html?: string;
  text?: string;
}

export interface RecordedRequest {
  seq: number;
  at: number;
  method: string;
  path: string;
  /** HTTP status answered, or what happened instead (`held` while parked by a `hold` step). */
  status: number | 'dropped' | 'hung' | 'held';
  errorName?: string;
  idempotencyKey: string | undefined;
  batchValidation: string | undefined;
  userAgent: string | undefined;
  /** Emails in the request body. */
  emails: number;
  /** Answered from the idempotency store: nothing was sent. */
  replayed: boolean;
}

export interface FakeResendStats {
  totalRequests: number;
  acceptedRequests: number;
  replayedRequests: number;
  statusCounts: Record<string, number>;
  totalMessages: number;
  recipients: number;
  /** Recipients who got more than one email, and how many extra emails in all. */
  duplicatedRecipients: number;
  duplicateMessages: number;
  byRecipient?: Record<string, number>;
  /** API requests per epoch second. */
  perSecond: Record<string, number>;
  maxRequestsInAnySecond: number;
  maxAcceptedInAnySecond: number;
  firstRequestAt: number | null;
  lastRequestAt: number | null;
}

export interface FakeResend {
  readonly url: string;
  readonly port: number;
  readonly apiKey: string;
  readonly messages: readonly RecordedMessage[];
  readonly requests: readonly RecordedRequest[];
  stats(options?: { byRecipient?: boolean }): FakeResendStats;
  /** Emails accepted for one address (case-insensitive). */
  countFor(address: string): number;
  messagesTo(address: string): RecordedMessage[];
  /** The most requests (matching `filter`) whose arrival times fit in any window of `windowMs`. */
  maxRequestsInWindow(windowMs?: number, filter?: (r: RecordedRequest) => boolean): number;
  /** Appends failures to the script. */
  script(...steps: FailureStep[]): void;
  /** The requests parked by `hold` steps, oldest first. */
  held(): RecordedRequest[];
  /** Lets a parked request go on: answered by `then` (a failure step), or served normally without one. */
  release(seq: number, then?: FailureStep): void;
  configure(patch: FakeResendSettings): void;
  /** Forgets requests, messages, counts, quotas, idempotency keys and the script. */
  reset(): void;
  close(): Promise<void>;
}

/** Resend's error body. */
export interface ResendErrorBody {
  statusCode: number;
  name: string;
  message: string;
}

/** What the fake answers to one API request. */
export interface Outcome {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** An answer carrying Resend's error body. */
export const errorOutcome = (statusCode: number, name: string, message: string): Outcome => ({
  status: statusCode,
  body: { statusCode, name, message } satisfies ResendErrorBody,
});
