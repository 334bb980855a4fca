import { PermanentError } from '../shared/errors.ts';

/** Which cap of the papers client was passed, its value, and the variable that raises it. */
export interface PapersLimit {
  limit: 'pages' | 'bytes';
  value: number;
  variable: 'PAPERS_MAX_PAGES' | 'PAPERS_MAX_RESPONSE_BYTES';
}

/**
 * The Daily Papers API answered more than a cap allows (pages of one day, or bytes of one response). Not
 * retryable: the same request would answer the same way. The message names the cap, its value and the variable.
 */
export class PapersLimitError extends PermanentError {
  readonly limit: PapersLimit['limit'];
  readonly value: number;
  readonly variable: PapersLimit['variable'];

  constructor(message: string, limit: PapersLimit) {
    super(message, limit.limit === 'pages' ? 'papers_too_many_pages' : 'papers_response_too_large');
    this.limit = limit.limit;
    this.value = limit.value;
    this.variable = limit.variable;
  }
}
