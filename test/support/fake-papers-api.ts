import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadSampleItems } from '../../src/papers/index.ts';

// A local stand-in for `GET https://huggingface.co/api/daily_papers` that behaves like the real endpoint
// (../shared/notes/hf-daily-papers-api.md): a bare JSON array, `limit` 1-100 (default 50), `p` 0-based pages
// then `[]`, HTTP 400 on a date that is not a calendar date. Failures can be scripted request by request.

/** One scripted answer, used for exactly one request (then the next one, then normal service). */
export type FakeFailure =
  /** Answer with this status (a 429 or 503 may carry Retry-After, in seconds or as an HTTP date). */
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  /** Wait, then answer normally (a slow server; longer than the client's timeout makes it abort). */
  | { kind: 'delay'; ms: number }
  /** Close the connection without an answer (a network error). */
  | { kind: 'drop' }
  /** Answer 200 with a body that is not JSON. */
  | { kind: 'garbage' }
  /**
   * Answer 200 with a JSON array of about `bytes` bytes, written in chunks as the client reads them (with a
   * Content-Length header when `declareLength`). The request's record counts the bytes written and whether the
   * whole body went out, so a test can see that a client stopped early.
   */
  | { kind: 'huge'; bytes: number; declareLength?: boolean };

export interface RecordedPapersRequest {
  method: string;
  path: string;
  date: string | null;
  limit: string | null;
  p: string | null;
  status: number | 'dropped';
  at: number;
  /** For a `huge` answer: bytes handed to the socket, and whether the whole body was written. */
  bytesWritten?: number;
  completed?: boolean;
}

export interface FakePapersApiOptions {
  /** Items served per date; a date not listed is an empty day. */
  days?: Record<string, unknown[]>;
}

export interface FakePapersApi {
  /** The base URL, to use as PAPERS_API_URL (the client appends `/daily_papers`). */
  url: string;
  /** Every request received, in order. */
  readonly requests: RecordedPapersRequest[];
  /** Requests for one date. */
  requestsFor(date: string): RecordedPapersRequest[];
  /** Replaces (or sets) the items of a date. */
  setDay(date: string, items: unknown[]): void;
  /** Makes a date page forever: every page is full of new items, and the empty page never comes. */
  setEndlessDay(date: string): void;
  /** Queues scripted answers for the next requests, one each. */
  fail(...steps: FakeFailure[]): void;
  /** Queues the same scripted answer for the next `count` requests. */
  failNext(count: number, step: FakeFailure): void;
  /** An outage: every request answers `step` until `outage(undefined)` ends it (scripted answers come first). */
  outage(step: FakeFailure | undefined): void;
  /** Forgets the request log and any pending script. */
  reset(): void;
  close(): Promise<void>;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isCalendarDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

const clone = <T>(value: T): T => structuredClone(value);

interface ItemShape {
  paper: Record<string, unknown> & { id: string; title: string };
  title?: string;
  publishedAt?: string;
}

/**
 * `count` synthetic items for `date` in the real shape, made from the bundled sample day (our own writing): each
 * gets an arXiv-like id unique to the date (`2511.24007` for the 8th item of 2025-11-24), `paper.submittedOnDailyAt`
 * on `date`, and the top-level `publishedAt` quirk (the arXiv time minus five hours, labelled Z), so it differs from
 * the submission time as it does in the real API.
 */
export function makeDayItems(date: string, count: number): unknown[] {
  const sample = loadSampleItems() as ItemShape[];
  const [y, m, d] = date.split('-');
  if (count > 1000) throw new Error('makeDayItems makes at most 1,000 items a day');
  return Array.from({ length: count }, (_, i) => {
    const item = clone(sample[i % sample.length]!);
    // The day is part of the id, so two days never list the same paper unless a test says so.
    const id = `${y!.slice(2)}${m}.${d}${String(i).padStart(3, '0')}`;
    const submitted = new Date(`${date}T00:00:00Z`);
    submitted.setUTCMinutes(7 + (i % 600));
    const arxiv = new Date(submitted.getTime() - (2 + (i % 3)) * 24 * 3600_000);
    const title =
      i < sample.length ? item.paper.title : `${item.paper.title} (part ${Math.floor(i / sample.length) + 1})`;
    item.paper = {
      ...item.paper,
      id,
      title,
      submittedOnDailyAt: submitted.toISOString(),
      publishedAt: arxiv.toISOString(),
    };
    item.title = title;
    item.publishedAt = new Date(arxiv.getTime() - 5 * 3600_000).toISOString();
    return item;
  });
}

/** A copy of `item` with the value at a dotted path replaced (or removed when `value` is undefined). */
export function withField(item: unknown, path: string, value: unknown): unknown {
  const copy = clone(item) as Record<string, unknown>;
  const parts = path.split('.');
  let node: Record<string, unknown> = copy;
  for (const part of parts.slice(0, -1)) node = node[part] as Record<string, unknown>;
  const last = parts.at(-1)!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

/** Writes `["xxx...x"]` of `bytes` bytes in 64 KB chunks, waiting for the client to read; stops if it hangs up. */
async function writeHuge(
  res: ServerResponse,
  record: RecordedPapersRequest,
  bytes: number,
  declareLength: boolean,
): Promise<void> {
  const chunk = Buffer.alloc(64 * 1024, 'x');
  const filler = Math.max(0, bytes - 4);
  record.status = 200;
  record.bytesWritten = 0;
  record.completed = false;
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    ...(declareLength ? { 'content-length': String(filler + 4) } : {}),
  });
  let closed = false;
  res.once('close', () => (closed = true));
  const write = async (data: Buffer | string) => {
    if (closed || res.destroyed) return false;
    record.bytesWritten! += Buffer.byteLength(data);
    if (!res.write(data)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
    return !closed && !res.destroyed;
  };
  if (!(await write('["'))) return;
  for (let left = filler; left > 0; left -= chunk.length) {
    if (!(await write(left >= chunk.length ? chunk : chunk.subarray(0, left)))) return;
  }
  if (!(await write('"]'))) return;
  res.end(() => (record.completed = true));
}

/** Starts the fake on 127.0.0.1 and a free port. */
export async function startFakePapersApi(options: FakePapersApiOptions = {}): Promise<FakePapersApi> {
  const days = new Map<string, unknown[]>(Object.entries(options.days ?? {}));
  const endless = new Set<string>();
  const requests: RecordedPapersRequest[] = [];
  const script: FakeFailure[] = [];
  let down: FakeFailure | undefined;

  const send = (res: ServerResponse, record: RecordedPapersRequest, status: number, body: string, headers = {}) => {
    record.status = status;
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(body);
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake-papers');
    const q = url.searchParams;
    const record: RecordedPapersRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      date: q.get('date'),
      limit: q.get('limit'),
      p: q.get('p'),
      status: 0,
      at: Date.now(),
    };
    requests.push(record);

    const step = script.shift() ?? down;
    if (step?.kind === 'status') {
      const headers = step.retryAfter === undefined ? {} : { 'retry-after': step.retryAfter };
      const body = step.body ?? JSON.stringify({ error: step.status === 429 ? 'Too Many Requests' : 'Server error' });
      return send(res, record, step.status, body, headers);
    }
    if (step?.kind === 'drop') {
      record.status = 'dropped';
      res.socket?.destroy();
      return;
    }
    if (step?.kind === 'garbage') return send(res, record, 200, '<html>upstream error</html>');
    if (step?.kind === 'huge') return writeHuge(res, record, step.bytes, step.declareLength ?? false);
    if (step?.kind === 'delay') await sleep(step.ms);

    if (record.method !== 'GET' || url.pathname !== '/daily_papers') {
      return send(res, record, 404, JSON.stringify({ error: 'Not Found' }));
    }
    const date = record.date;
    if (date !== null && !isCalendarDate(date)) {
      return send(res, record, 400, JSON.stringify({ error: `Invalid date: ${date}` }));
    }
    const limit = record.limit === null ? 50 : Number(record.limit);
    const page = record.p === null ? 0 : Number(record.p);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return send(res, record, 400, JSON.stringify({ error: 'limit must be between 1 and 100' }));
    }
    if (!Number.isInteger(page) || page < 0) {
      return send(res, record, 400, JSON.stringify({ error: 'p must be a non-negative integer' }));
    }
    if (date !== null && endless.has(date)) {
      return send(res, record, 200, JSON.stringify(makeDayItems(date, (page + 1) * limit).slice(page * limit)));
    }
    const items = date === null ? [] : (days.get(date) ?? []);
    send(res, record, 200, JSON.stringify(items.slice(page * limit, (page + 1) * limit)));
  }

  const server = createServer((req, res) => {
    req.resume();
    handle(req, res).catch((error: unknown) =>
      send(res, requests.at(-1)!, 500, JSON.stringify({ error: String(error) })),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    requestsFor: (date) => requests.filter((r) => r.date === date),
    setDay: (date, items) => {
      days.set(date, items);
    },
    setEndlessDay: (date) => {
      endless.add(date);
    },
    fail: (...steps) => {
      script.push(...steps);
    },
    failNext: (count, step) => {
      for (let i = 0; i < count; i += 1) script.push(step);
    },
    outage: (step) => {
      down = step;
    },
    reset: () => {
      requests.length = 0;
      script.length = 0;
      down = undefined;
      endless.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
