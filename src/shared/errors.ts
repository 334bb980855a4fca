/**
 * Typed errors that cross module boundaries. `retryable` tells the caller whether trying again can help;
 * only `jobs/` maps these onto BullMQ (UnrecoverableError, RateLimitError) and only `web/` onto HTTP codes.
 */
export interface ErrorOptions {
  code: string;
  retryable: boolean;
  cause?: unknown;
}

export class PaperboyError extends Error {
  readonly code: string;
  readonly retryable: boolean;

  constructor(message: string, options: ErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code;
    this.retryable = options.retryable;
  }
}

/** Bad configuration: never retryable, stops start-up. */
export class ConfigError extends PaperboyError {
  constructor(message: string) {
    super(message, { code: 'config_invalid', retryable: false });
  }
}

/** Input that does not have the expected shape (names the field and what was expected). */
export class ValidationError extends PaperboyError {
  readonly field: string | undefined;
  constructor(message: string, field?: string, cause?: unknown) {
    super(message, { code: 'validation_error', retryable: false, cause });
    this.field = field;
  }
}

/** Something outside us failed in a way that may pass (network, 5xx, timeouts). */
export class TransientError extends PaperboyError {
  constructor(message: string, code = 'transient', cause?: unknown) {
    super(message, { code, retryable: true, cause });
  }
}

/** Something that will fail the same way every time: give up and record the reason. */
export class PermanentError extends PaperboyError {
  constructor(message: string, code = 'permanent', cause?: unknown) {
    super(message, { code, retryable: false, cause });
  }
}

/** The provider asked us to slow down; wait `retryAfterMs` before the next call. */
export class RateLimitedError extends PaperboyError {
  readonly retryAfterMs: number;
  constructor(message: string, retryAfterMs: number, cause?: unknown) {
    super(message, { code: 'rate_limited', retryable: true, cause });
    this.retryAfterMs = retryAfterMs;
  }
}

/** The provider's daily or monthly quota is used up: pause sending, burn no retries. */
export class QuotaExceededError extends PaperboyError {
  constructor(message: string, code: string, cause?: unknown) {
    super(message, { code, retryable: false, cause });
  }
}

/** A short, human message for any thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
