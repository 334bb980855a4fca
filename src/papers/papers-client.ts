import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../shared/logger.ts';
import { PermanentError, TransientError, ValidationError, describeError } from '../shared/errors.ts';
import { PapersLimitError } from './papers-limit-error.ts';
import { parseEditionDate } from '../shared/dates.ts';
import { dailyPaperItemSchema, describeIssues } from './api-schema.ts';
import { normaliseItem } from './normalise.ts';
import type { Paper } from './paper.ts';

export interface PapersClientOptions {
  /** e.g. https://huggingface.co/api */
  apiUrl: string;
  timeoutMs: number;
  /** Retries after the first attempt, for 429, 5xx and network errors. */
  retries: number;
  logger: Logger;
  /** First backoff delay; doubles each retry (jittered). */
  baseDelayMs?: number;
  /** Longest wait we accept from a Retry-After header. */
  maxRetryAfterMs?: number;
  /** Page size; the API's default of 50 silently truncates busy days. */
  pageSize?: number;
  /** The most pages of papers a day may have: a server that never sends the empty page fails the fetch. */
  maxPages?: number;
  /** The largest response body read; reading stops there and the fetch fails. */
  maxResponseBytes?: number;
}

/** An item that failed validation: reported and skipped, never allowed to sink the day. */
export interface SkippedItem {
  page: number;
  index: number;
  id: string | undefined;
  reason: string;
}

export interface FetchedDay {
  date: string;
  papers: Paper[];
  skipped: SkippedItem[];
  pages: number;
  fetchedAt: string;
}

/** Parses Retry-After as seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Client for `GET {apiUrl}/daily_papers?date=&limit=&p=`. */
export class PapersClient {
  private readonly options: Required<PapersClientOptions>;

  constructor(options: PapersClientOptions) {
    this.options = {
      baseDelayMs: 500,
      maxRetryAfterMs: 60_000,
      pageSize: 100,
      maxPages: 20,
      maxResponseBytes: 8_000_000,
      ...options,
    };
  }

  /**
   * Every paper of one day, paging until an empty page. Malformed items are skipped and listed; a day whose every
   * item was rejected is a PermanentError (`papers_rejected`), never an empty day that looks like a holiday. A day
   * with more than `maxPages` pages, or a response over `maxResponseBytes`, is a PapersLimitError (never a silent cut).
   */
  async fetchDay(date: string): Promise<FetchedDay> {
    parseEditionDate(date);
    const papers: Paper[] = [];
    const skipped: SkippedItem[] = [];
    const seen = new Set<string>();
    let page = 0;
    for (; ; page += 1) {
      const items = await this.fetchPage(date, page);
      if (items.length === 0) break;
      if (page >= this.options.maxPages) {
        throw new PapersLimitError(
          `Daily Papers API for ${date} still had papers on page ${page + 1}: more than PAPERS_MAX_PAGES=${this.options.maxPages} pages of ${this.options.pageSize}, so the day was not stored. Raise PAPERS_MAX_PAGES if the day really is that big.`,
          { limit: 'pages', value: this.options.maxPages, variable: 'PAPERS_MAX_PAGES' },
        );
      }
      items.forEach((raw, index) => {
        const parsed = dailyPaperItemSchema.safeParse(raw);
        if (!parsed.success) {
          const id = idOf(raw);
          const reason = describeIssues(parsed.error);
          skipped.push({ page, index, id, reason });
          this.options.logger.warn(
            { date, page, index, paperId: id, reason },
            'skipping a malformed Daily Papers item',
          );
          return;
        }
        const paper = normaliseItem(parsed.data);
        if (seen.has(paper.id)) return;
        seen.add(paper.id);
        papers.push(paper);
      });
    }
    if (papers.length === 0 && skipped.length > 0) {
      throw new PermanentError(
        `every one of the ${skipped.length} Daily Papers items of ${date} was rejected (first: ${skipped[0]?.reason ?? ''}); the API's shape may have changed`,
        'papers_rejected',
      );
    }
    return { date, papers, skipped, pages: page, fetchedAt: new Date().toISOString() };
  }

  private async fetchPage(date: string, page: number): Promise<unknown[]> {
    const url = new URL(`${this.options.apiUrl}/daily_papers`);
    url.searchParams.set('date', date);
    url.searchParams.set('limit', String(this.options.pageSize));
    url.searchParams.set('p', String(page));
    let attempt = 0;
    for (;;) {
      try {
        return await this.request(url);
      } catch (error) {
        const retryable = error instanceof TransientError;
        if (!retryable || attempt >= this.options.retries) throw error;
        const hinted = error instanceof RetryAfterError ? error.retryAfterMs : undefined;
        const backoff = this.options.baseDelayMs * 2 ** attempt * (0.75 + Math.random() * 0.5);
        const wait = Math.min(hinted ?? backoff, this.options.maxRetryAfterMs);
        attempt += 1;
        this.options.logger.warn(
          { url: url.toString(), attempt, waitMs: Math.round(wait), error: describeError(error) },
          'Daily Papers request failed; retrying',
        );
        await sleep(wait);
      }
    }
  }

  private async request(url: URL): Promise<unknown[]> {
    let response: Response;
    try {
      response = await fetch(url, {
        headers: { accept: 'application/json', 'user-agent': 'paperboy/0.1 (+daily digest)' },
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
    } catch (error) {
      throw new TransientError(
        `Daily Papers API unreachable at ${url.origin}: ${describeError(error)}`,
        'papers_unreachable',
        error,
      );
    }
    if (response.status === 429 || response.status >= 500) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      await response.body?.cancel();
      throw new RetryAfterError(
        `Daily Papers API answered ${response.status} for ${url.pathname}${url.search}`,
        retryAfterMs,
      );
    }
    if (response.status === 400) {
      const body = await readCapped(response, 64_000, url).catch(() => '');
      throw new ValidationError(
        `Daily Papers API rejected the request (400) for ${url.search}: ${body.slice(0, 200) || 'bad request'}; check the date (YYYY-MM-DD)`,
        'date',
      );
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new PermanentError(
        `Daily Papers API answered ${response.status} for ${url.pathname}${url.search}`,
        'papers_http_error',
      );
    }
    const text = await readCapped(response, this.options.maxResponseBytes, url);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw new TransientError(`Daily Papers API sent a body that is not JSON`, 'papers_bad_json', error);
    }
    if (!Array.isArray(body)) {
      throw new PermanentError(
        `Daily Papers API payload: expected a JSON array of items, got ${body === null ? 'null' : typeof body}`,
        'papers_bad_payload',
      );
    }
    return body as unknown[];
  }
}

/**
 * Reads a response body as a stream, stopping (and closing the connection) as soon as it passes `maxBytes`, so
 * an oversized answer costs at most `maxBytes` of memory. A Content-Length over the cap is refused before reading.
 */
async function readCapped(response: Response, maxBytes: number, url: URL): Promise<string> {
  const tooLarge = (seen: string) =>
    new PapersLimitError(
      `Daily Papers API response for ${url.search} is larger than PAPERS_MAX_RESPONSE_BYTES=${maxBytes} (${seen}); stopped reading. Raise PAPERS_MAX_RESPONSE_BYTES if such pages are real.`,
      { limit: 'bytes', value: maxBytes, variable: 'PAPERS_MAX_RESPONSE_BYTES' },
    );
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooLarge(`Content-Length ${declared}`);
  }
  if (!response.body) return '';
  const reader = (response.body as WebReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw tooLarge(`more than ${maxBytes} bytes read`);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof PapersLimitError) throw error;
    throw new TransientError(
      `Daily Papers API response broke off: ${describeError(error)}`,
      'papers_unreachable',
      error,
    );
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

class RetryAfterError extends TransientError {
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryAfterMs: number | undefined) {
    super(message, 'papers_http_retryable');
    this.retryAfterMs = retryAfterMs;
  }
}

function idOf(raw: unknown): string | undefined {
  if (raw && typeof raw === 'object' && 'paper' in raw) {
    const paper = raw.paper;
    if (paper && typeof paper === 'object' && 'id' in paper && typeof paper.id === 'string') return paper.id;
  }
  return undefined;
}
