import { Resend, type ErrorResponse, type Response as ResendResponse } from 'resend';
import { PermanentError, TransientError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { MailTransport, OutgoingMessage, SendBatchOptions, SendOutcome } from './message.ts';
import { batchOutcomes, classifyResendError } from './resend-errors.ts';
import { encodeBatchBody } from './resend-wire.ts';

const RESEND_API_URL = 'https://api.resend.com';

export interface ResendTransportOptions {
  apiKey: string;
  /** Defaults to Resend's API; given explicitly so the SDK never falls back to reading RESEND_BASE_URL itself. */
  baseUrl?: string | undefined;
  /** Abort a call that has not answered in this time (the SDK has no timeout of its own). */
  timeoutMs: number;
  logger?: Logger | undefined;
  /** See the comment on `DEFAULT_BATCH_VALIDATION`. */
  batchValidation?: 'strict' | 'permissive' | undefined;
  userAgent?: string | undefined;
  /** Called with Resend's `ratelimit-*` headers after every answer that carries them, to pace sending by them. */
  onRateLimit?: ((info: RateLimitInfo) => void) | undefined;
}

/** Resend's rate-limit headers (IETF draft): requests allowed per window, left in it, and seconds until it resets. */
export interface RateLimitInfo {
  limit: number;
  remaining: number;
  resetMs: number;
}

/** The `ratelimit-*` headers of an answer, or undefined when it has none. */
function readRateLimit(headers: Record<string, string> | null): RateLimitInfo | undefined {
  if (!headers) return undefined;
  const limit = Number(headers['ratelimit-limit']);
  const remaining = Number(headers['ratelimit-remaining']);
  const reset = Number(headers['ratelimit-reset']);
  if (![limit, remaining, reset].every(Number.isFinite)) return undefined;
  return { limit, remaining, resetMs: reset * 1000 };
}

/**
 * Permissive batch validation: Resend creates the valid emails and lists the invalid ones by index in `errors`, so one
 * bad address fails alone instead of sinking the 99 good ones with a 422 that names no index (strict mode). It also
 * fits idempotency: the partial answer (ids + errors) is a success that Resend keeps under the batch's key, so a
 * retried batch gets exactly the same answer and nothing is sent twice; under strict mode the batch would have to be
 * re-planned without the bad address, i.e. under a new key, and whether a refused request holds its key is not
 * documented. Whole-request problems (auth, rate, quota, 5xx) still fail the request in both modes.
 */
const DEFAULT_BATCH_VALIDATION = 'permissive';

const TAG_MAX = 256;

/** A tag name or value in Resend's charset (ASCII letters, digits, `_`, `-`; at most 256), or '' when nothing is left. */
function tagPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, TAG_MAX);
}

/** Resend tags from our correlation values; pairs that sanitise to an empty name or value are dropped. */
function toTags(tags: Record<string, string>): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  for (const [name, value] of Object.entries(tags)) {
    const n = tagPart(name);
    const v = tagPart(value);
    if (n && v) out.push({ name: n, value: v });
  }
  return out;
}

function toEmail(m: OutgoingMessage) {
  const tags = toTags(m.tags);
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    html: m.html,
    text: m.text,
    headers: m.headers,
    ...(m.replyTo ? { replyTo: m.replyTo } : {}),
    ...(tags.length > 0 ? { tags } : {}),
  };
}

/** A message's fields other than html and text, named as the API names them (what the SDK's mapping produces). */
function toApiFields(m: OutgoingMessage): Record<string, unknown> {
  const {
    html: _html,
    text: _text,
    replyTo,
    ...rest
  } = toEmail(m) as ReturnType<typeof toEmail> & { replyTo?: string };
  return { ...rest, ...(replyTo ? { reply_to: replyTo } : {}) };
}

/**
 * The SDK client with a hook run right before each HTTP request: the body is already serialised then, so a rate
 * limiter spaces arrivals at the provider, not the (CPU-bound, variable) work before them. The call's timeout starts
 * after the hook, so waiting for a send slot never eats into it.
 */
class HookedResend extends Resend {
  /** A batch body already encoded (see resend-wire.ts); sent instead of the SDK's JSON.stringify of the entity. */
  prebuiltBody: Buffer | undefined;

  constructor(
    apiKey: string,
    options: ConstructorParameters<typeof Resend>[1],
    private readonly before: () => Promise<void>,
  ) {
    super(apiKey, options);
  }

  override async fetchRequest<T>(path: string, options?: object): Promise<ResendResponse<T>> {
    await this.before();
    // A Buffer body skips undici's per-character string checks and re-encoding (seconds per thousand batches).
    const init = options as { body?: unknown };
    const body = this.prebuiltBody ?? (typeof init.body === 'string' ? Buffer.from(init.body) : init.body);
    return super.fetchRequest<T>(path, { ...options, body });
  }
}

/** Sends batches of up to 100 messages with Resend's batch API, one idempotency key per batch. */
export class ResendTransport implements MailTransport {
  readonly name = 'resend';
  readonly maxBatchSize = 100;
  private readonly apiKey: string;
  private readonly clientOptions: ConstructorParameters<typeof Resend>[1];
  private readonly timeoutMs: number;
  private readonly batchValidation: 'strict' | 'permissive';
  private readonly logger: Logger | undefined;
  private readonly onRateLimit: ((info: RateLimitInfo) => void) | undefined;

  constructor(options: ResendTransportOptions) {
    this.apiKey = options.apiKey;
    this.clientOptions = {
      baseUrl: (options.baseUrl ?? RESEND_API_URL).replace(/\/+$/, ''),
      userAgent: options.userAgent ?? 'paperboy (resend-node)',
    };
    this.timeoutMs = options.timeoutMs;
    this.batchValidation = options.batchValidation ?? DEFAULT_BATCH_VALIDATION;
    this.logger = options.logger;
    this.onRateLimit = options.onRateLimit;
  }

  /**
   * Sends one batch. Returns one outcome per message (sent with Resend's id, or failed with Resend's reason); throws
   * RateLimitedError, QuotaExceededError, TransientError (retry with the same key) or PermanentError for what
   * concerns the whole batch (see `classifyResendError`).
   */
  async sendBatch(messages: readonly OutgoingMessage[], options: SendBatchOptions): Promise<SendOutcome[]> {
    if (messages.length === 0) return [];
    if (messages.length > this.maxBatchSize) {
      throw new PermanentError(
        `Resend takes at most ${this.maxBatchSize} emails per batch, got ${messages.length}`,
        'batch_too_large',
      );
    }
    const controller = new AbortController();
    const signal = controller.signal;
    let timer: NodeJS.Timeout | undefined;
    const client = new HookedResend(this.apiKey, this.clientOptions, async () => {
      await options.beforeRequest?.();
      timer = setTimeout(() => controller.abort(new Error('timeout')), this.timeoutMs);
      timer.unref();
    });
    const started = performance.now();
    let result: { data: unknown; error: ErrorResponse | null; headers: Record<string, string> | null };
    try {
      client.prebuiltBody = encodeBatchBody(messages, toApiFields);
      result = client.prebuiltBody
        ? // The same request batch.send makes (path, headers, key), with the body encoded from shared pieces.
          await client.post('/emails/batch', [], {
            idempotencyKey: options.idempotencyKey,
            headers: { 'x-batch-validation': this.batchValidation },
            signal,
          })
        : await client.batch.send(messages.map(toEmail), {
            idempotencyKey: options.idempotencyKey,
            batchValidation: this.batchValidation,
            signal,
          });
    } catch (error) {
      // The SDK reports fetch failures as results; a throw here is unexpected (e.g. a body it could not serialise).
      if (signal.aborted) throw this.timeout(error);
      throw new TransientError(`Resend call failed: ${String(error)}`, 'resend_network', error);
    }
    clearTimeout(timer);
    const ms = Math.round(performance.now() - started);
    const rate = this.onRateLimit && readRateLimit(result.headers);
    if (rate) this.onRateLimit?.(rate);
    if (result.error) {
      // An aborted fetch comes back as `application_error` with no status: name the timeout instead.
      if (signal.aborted && result.error.statusCode === null) throw this.timeout(result.error);
      const verdict = classifyResendError(result.error, result.headers);
      this.logger?.debug(
        { name: result.error.name, status: result.error.statusCode, ms, key: options.idempotencyKey },
        'resend batch refused',
      );
      if (verdict.kind === 'throw') throw verdict.error;
      return messages.map((_, index) => ({ index, status: 'failed', code: verdict.code, reason: verdict.reason }));
    }
    const outcomes = batchOutcomes(result.data, messages.length);
    this.logger?.debug({ count: messages.length, ms, key: options.idempotencyKey }, 'resend batch sent');
    return outcomes;
  }

  private timeout(cause: unknown): TransientError {
    return new TransientError(`Resend did not answer within ${this.timeoutMs} ms`, 'resend_timeout', cause);
  }

  close(): Promise<void> {
    // Nothing to release: the SDK uses the global fetch.
    return Promise.resolve();
  }
}
