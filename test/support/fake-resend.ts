/**
 * A local HTTP server that speaks Resend's email API as documented (POST /emails, POST /emails/batch), for tests and
 * benches: bearer auth, a User-Agent check, Resend-style validation and error bodies, idempotency keys kept 24 h,
 * `ratelimit-*` / `retry-after` headers, an optional per-second rate limit and daily/monthly quotas, and a script of
 * injected failures (5xx, dropped connections, hangs, before or after the emails were accepted). It records every
 * request and every accepted email so tests can count messages per recipient and requests per second.
 *
 * Facts it follows: ../shared/notes/email-engineering.md section A. Where Resend leaves a behaviour undocumented the
 * choice is noted at the spot (error responses are not stored under an idempotency key; the payload is compared
 * byte for byte).
 *
 * Control endpoints (no auth, never recorded): GET /_stats, GET /_messages?to=, POST /_reset, POST /_script,
 * POST /_configure.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One injected failure. `when: 'after'` lets the request be accepted (emails recorded, answer stored) first. */
export type FailureStep =
  | { kind: 'status'; status: number; name?: string; message?: string; when?: 'before' | 'after' }
  /** A non-JSON error page, as a proxy in front of the API would answer (the SDK reports `application_error`). */
  | { kind: 'html'; status: number; when?: 'before' | 'after' }
  /** Destroy the connection without an answer. */
  | { kind: 'drop'; when?: 'before' | 'after' }
  /** Never answer; after `ms` (if given) destroy the connection. */
  | { kind: 'hang'; ms?: number; when?: 'before' | 'after' }
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
  idempotencyTtlMs?: number;
  /** The clock (ms); tests can move time to expire idempotency keys. */
  now?: () => number;
}

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
  /** HTTP status answered, or what happened instead. */
  status: number | 'dropped' | 'hung';
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
  configure(patch: Pick<FakeResendOptions, 'rateLimit' | 'dailyQuota' | 'monthlyQuota' | 'latencyMs'>): void;
  /** Forgets requests, messages, counts, quotas, idempotency keys and the script. */
  reset(): void;
  close(): Promise<void>;
}

interface ResendErrorBody {
  statusCode: number;
  name: string;
  message: string;
}

type Verdict = { name: string; message: string } | null;

const TAG = /^[A-Za-z0-9_-]{1,256}$/;
const BARE_ADDRESS = /^[^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+$/;
const NAMED_ADDRESS = /^[^<>]*<([^\s@<>",]+@[^\s@<>",]+\.[^\s@<>",]+)>$/;
const MAX_BATCH = 100;
const MAX_RECIPIENTS = 50;
const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** The bare address of `a@b.c` or `Name <a@b.c>`, lower-cased; undefined when it is neither. */
export function bareAddress(value: string): string | undefined {
  const v = value.trim();
  if (BARE_ADDRESS.test(v)) return v.toLowerCase();
  return NAMED_ADDRESS.exec(v)?.[1]?.toLowerCase();
}

function addressList(value: unknown): string[] | 'invalid' | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value;
  return 'invalid';
}

const FORMAT = 'The email address needs to follow the `email@example.com` or `Name <email@example.com>` format.';

/** Validates one email of a request the way Resend reports it: the first problem, with its error name. */
function validateEmail(email: unknown, rejectedDomains: readonly string[]): Verdict {
  if (typeof email !== 'object' || email === null || Array.isArray(email)) {
    return { name: 'validation_error', message: 'Each email must be an object.' };
  }
  const e = email as Record<string, unknown>;
  if (e.from === undefined || e.from === '')
    return { name: 'missing_required_field', message: 'Missing `from` field.' };
  if (typeof e.from !== 'string' || !bareAddress(e.from)) {
    return { name: 'validation_error', message: `Invalid \`from\` field. ${FORMAT}` };
  }
  for (const field of ['to', 'cc', 'bcc', 'reply_to'] as const) {
    const list = addressList(e[field]);
    if (field === 'to' && (list === undefined || (Array.isArray(list) && list.length === 0))) {
      return { name: 'missing_required_field', message: 'Missing `to` field.' };
    }
    if (list === undefined) continue;
    if (list === 'invalid') return { name: 'validation_error', message: `Invalid \`${field}\` field. ${FORMAT}` };
    if (list.length > MAX_RECIPIENTS) {
      return { name: 'validation_error', message: `Too many recipients in \`${field}\`: at most ${MAX_RECIPIENTS}.` };
    }
    for (const address of list) {
      const bare = bareAddress(address);
      if (!bare) return { name: 'validation_error', message: `Invalid \`${field}\` field. ${FORMAT}` };
      const domain = bare.slice(bare.lastIndexOf('@') + 1);
      if (field !== 'reply_to' && rejectedDomains.includes(domain)) {
        return {
          name: 'validation_error',
          message: `Invalid \`${field}\` field. The ${domain} domain is not accepted.`,
        };
      }
    }
  }
  if (typeof e.subject !== 'string' || e.subject === '') {
    return { name: 'missing_required_field', message: 'Missing `subject` field.' };
  }
  const present = (v: unknown) => (typeof v === 'string' && v !== '') || (v instanceof BodySize && v.bytes > 0);
  const hasHtml = present(e.html);
  const hasText = present(e.text);
  if (!hasHtml && !hasText) return { name: 'missing_required_field', message: 'Missing `html` or `text` field.' };
  if (e.headers !== undefined) {
    const h = e.headers;
    if (
      typeof h !== 'object' ||
      h === null ||
      Array.isArray(h) ||
      !Object.values(h).every((v) => typeof v === 'string')
    ) {
      return { name: 'validation_error', message: 'The `headers` field must be an object of string values.' };
    }
  }
  if (e.tags !== undefined) {
    const ok =
      Array.isArray(e.tags) &&
      e.tags.every((t: unknown) => {
        const tag = t as { name?: unknown; value?: unknown } | null;
        return (
          typeof tag === 'object' &&
          tag !== null &&
          typeof tag.name === 'string' &&
          typeof tag.value === 'string' &&
          TAG.test(tag.name) &&
          TAG.test(tag.value)
        );
      });
    if (!ok) {
      return {
        name: 'validation_error',
        message: 'Tags must be {name, value} pairs of ASCII letters, numbers, underscores or dashes (at most 256).',
      };
    }
  }
  if (e.attachments !== undefined) {
    return { name: 'validation_error', message: 'Attachments are not supported in batch emails.' };
  }
  return null;
}

function recipientsOf(e: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const field of ['to', 'cc', 'bcc'] as const) {
    const list = addressList(e[field]);
    if (Array.isArray(list)) for (const a of list) out.push(bareAddress(a) ?? a.toLowerCase());
  }
  return out;
}

/** The most timestamps (sorted ascending) that fit in any half-open window of `windowMs`. */
function maxInWindow(times: readonly number[], windowMs: number): number {
  let best = 0;
  let start = 0;
  for (let end = 0; end < times.length; end++) {
    while ((times[end] as number) - (times[start] as number) >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/**
 * An email body (`html` / `text`) as the lean parser keeps it: only its size. Decoding megabytes of HTML into strings
 * the fake never reads was most of its cost per batch.
 */
export class BodySize {
  constructor(readonly bytes: number) {}
}

const LEAN_KEYS = new Set(['html', 'text']);

/**
 * JSON.parse over bytes, except that the values of `html` and `text` members come back as BodySize. Throws
 * SyntaxError on malformed JSON.
 */
export function parseLeanJson(buf: Buffer): unknown {
  let i = 0;
  const n = buf.length;
  const fail = (): never => {
    throw new SyntaxError(`Unexpected token in JSON at byte ${i}`);
  };
  const ws = (): void => {
    for (let c = buf[i]; c === 32 || c === 10 || c === 13 || c === 9; c = buf[++i]);
  };
  const string = (lean: boolean): string | BodySize => {
    const start = ++i;
    for (;;) {
      const q = buf.indexOf(34, i);
      if (q < 0) return fail();
      let b = q - 1;
      while (b >= start && buf[b] === 92) b--;
      i = q + 1;
      if ((q - 1 - b) % 2 === 1) continue; // an escaped quote
      if (lean) return new BodySize(q - start);
      const raw = buf.subarray(start, q);
      if (raw.indexOf(92) < 0) return raw.toString('utf8');
      return JSON.parse(buf.toString('utf8', start - 1, q + 1)) as string;
    }
  };
  const value = (lean: boolean): unknown => {
    ws();
    const c = buf[i];
    if (c === 34) return string(lean);
    if (c === 123) {
      i++;
      const o: Record<string, unknown> = {};
      ws();
      if (buf[i] === 125) return (i++, o);
      for (;;) {
        ws();
        if (buf[i] !== 34) fail();
        const key = string(false) as string;
        ws();
        if (buf[i++] !== 58) fail();
        Object.defineProperty(o, key, {
          value: value(LEAN_KEYS.has(key)),
          enumerable: true,
          writable: true,
          configurable: true,
        });
        ws();
        const next = buf[i++];
        if (next === 125) return o;
        if (next !== 44) fail();
      }
    }
    if (c === 91) {
      i++;
      const a: unknown[] = [];
      ws();
      if (buf[i] === 93) return (i++, a);
      for (;;) {
        a.push(value(false));
        ws();
        const next = buf[i++];
        if (next === 93) return a;
        if (next !== 44) fail();
      }
    }
    const start = i;
    while (i < n) {
      const d = buf[i];
      if (d === 44 || d === 125 || d === 93 || d === 32 || d === 10 || d === 13 || d === 9) break;
      i++;
    }
    if (start === i) fail();
    return JSON.parse(buf.toString('latin1', start, i)) as unknown;
  };
  const result = value(false);
  ws();
  if (i !== n) fail();
  return result;
}

type Stored =
  | { state: 'in-flight'; hash: string }
  | { state: 'done'; hash: string; status: number; body: string; expiresAt: number };

interface Outcome {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Starts the fake Resend on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const now = options.now ?? Date.now;
  const apiKey = options.apiKey ?? 're_test_key';
  const recordMessages = options.recordMessages ?? true;
  const keepBodies = options.keepBodies ?? false;
  const ttlMs = options.idempotencyTtlMs ?? 24 * 60 * 60 * 1000;
  const rejectedDomains = (options.rejectedDomains ?? []).map((d) => d.toLowerCase());
  const settings = {
    rateLimit: options.rateLimit,
    dailyQuota: options.dailyQuota,
    monthlyQuota: options.monthlyQuota,
    latencyMs: options.latencyMs,
  };

  let seq = 0;
  let messages: RecordedMessage[] = [];
  let requests: RecordedRequest[] = [];
  let totalMessages = 0;
  let byRecipient = new Map<string, number>();
  let perSecond = new Map<number, number>();
  let admitted: number[] = []; // arrival times of requests let through the rate limiter, last second only
  let idempotency = new Map<string, Stored>();
  let script: FailureStep[] = [...(options.script ?? [])];
  let quota = { day: '', dayCount: 0, month: '', monthCount: 0 };
  const timers = new Set<NodeJS.Timeout>();

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };
  const sleep = (ms: number) => new Promise<void>((resolve) => later(ms, resolve));

  function rateHeaders(at: number, remainingAfter: number): Record<string, string> {
    if (settings.rateLimit === undefined) return {};
    const oldest = admitted[0];
    const resetS = oldest === undefined ? 0 : Math.max(1, Math.ceil((oldest + 1000 - at) / 1000));
    return {
      'ratelimit-limit': String(settings.rateLimit),
      'ratelimit-remaining': String(Math.max(0, remainingAfter)),
      'ratelimit-reset': String(resetS),
    };
  }

  /** Sliding one-second window over admitted requests. */
  function admit(at: number): { ok: boolean; headers: Record<string, string> } {
    const limit = settings.rateLimit;
    if (limit === undefined) return { ok: true, headers: {} };
    admitted = admitted.filter((t) => t > at - 1000);
    if (admitted.length >= limit) {
      const headers = rateHeaders(at, 0);
      const waitMs = (admitted[0] as number) + 1000 - at;
      return { ok: false, headers: { ...headers, 'retry-after': String(Math.max(1, Math.ceil(waitMs / 1000))) } };
    }
    admitted.push(at);
    return { ok: true, headers: rateHeaders(at, limit - admitted.length) };
  }

  function quotaVerdict(at: number, count: number): 'daily' | 'monthly' | null {
    const iso = new Date(at).toISOString();
    const day = iso.slice(0, 10);
    const month = iso.slice(0, 7);
    if (quota.day !== day) quota = { ...quota, day, dayCount: 0 };
    if (quota.month !== month) quota = { ...quota, month, monthCount: 0 };
    if (settings.dailyQuota !== undefined && quota.dayCount + count > settings.dailyQuota) return 'daily';
    if (settings.monthlyQuota !== undefined && quota.monthCount + count > settings.monthlyQuota) return 'monthly';
    return null;
  }

  const error = (statusCode: number, name: string, message: string): Outcome => ({
    status: statusCode,
    body: { statusCode, name, message } satisfies ResendErrorBody,
  });
  const quotaError = (which: 'daily' | 'monthly'): Outcome =>
    which === 'daily'
      ? error(429, 'daily_quota_exceeded', 'You have reached your daily email sending quota.')
      : error(429, 'monthly_quota_exceeded', 'You have reached your monthly email sending quota.');

  function accept(emails: Record<string, unknown>[], record: RecordedRequest): string[] {
    const ids: string[] = [];
    emails.forEach((e, index) => {
      const id = randomUUID();
      ids.push(id);
      const to = recipientsOf(e);
      totalMessages++;
      quota.dayCount += to.length;
      quota.monthCount += to.length;
      for (const r of to) byRecipient.set(r, (byRecipient.get(r) ?? 0) + 1);
      if (!recordMessages) return;
      const rec: RecordedMessage = {
        id,
        requestSeq: record.seq,
        index,
        at: record.at,
        idempotencyKey: record.idempotencyKey,
        from: e.from as string,
        to: addressList(e.to) as string[],
        subject: e.subject as string,
        replyTo: (addressList(e.reply_to) as string[] | undefined) ?? [],
        headers: (e.headers as Record<string, string> | undefined) ?? {},
        tags: (e.tags as { name: string; value: string }[] | undefined) ?? [],
      };
      if (keepBodies) {
        if (typeof e.html === 'string') rec.html = e.html;
        if (typeof e.text === 'string') rec.text = e.text;
      }
      messages.push(rec);
    });
    return ids;
  }

  /** Validates and (if valid) accepts the request's emails; returns the answer. */
  function processEmails(path: string, body: unknown, record: RecordedRequest): Outcome {
    if (path === '/emails') {
      record.emails = 1;
      const verdict = validateEmail(body, rejectedDomains);
      if (verdict) return error(422, verdict.name, verdict.message);
      const q = quotaVerdict(record.at, recipientsOf(body as Record<string, unknown>).length);
      if (q) return quotaError(q);
      const [id] = accept([body as Record<string, unknown>], record);
      return { status: 200, body: { id } };
    }
    if (!Array.isArray(body)) return error(422, 'validation_error', 'The request body must be an array of emails.');
    record.emails = body.length;
    if (body.length === 0) return error(422, 'validation_error', 'The batch must contain at least one email.');
    const permissive = record.batchValidation === 'permissive';
    if (!permissive && body.length > MAX_BATCH) {
      return error(422, 'validation_error', `Too many emails in the batch: at most ${MAX_BATCH}.`);
    }
    const valid: Record<string, unknown>[] = [];
    const errors: { index: number; message: string }[] = [];
    for (let index = 0; index < body.length; index++) {
      // Permissive mode reports the emails past the limit one by one (Resend's batch-validation-modes page).
      const verdict: Verdict =
        index >= MAX_BATCH
          ? { name: 'validation_error', message: `The batch exceeds ${MAX_BATCH} emails.` }
          : validateEmail(body[index], rejectedDomains);
      if (verdict && !permissive) return error(422, verdict.name, verdict.message);
      if (verdict) errors.push({ index, message: verdict.message });
      else valid.push(body[index] as Record<string, unknown>);
    }
    const q = quotaVerdict(
      record.at,
      valid.reduce((n, e) => n + recipientsOf(e).length, 0),
    );
    if (q) return quotaError(q);
    const data = accept(valid, record).map((id) => ({ id }));
    return { status: 200, body: permissive ? { data, errors } : { data } };
  }

  function respond(res: ServerResponse, record: RecordedRequest, outcome: Outcome, extra: Record<string, string>) {
    if (res.destroyed) return;
    const text = JSON.stringify(outcome.body);
    record.status = outcome.status;
    const name = (outcome.body as { name?: unknown }).name;
    if (outcome.status >= 400 && typeof name === 'string') record.errorName = name;
    res.writeHead(outcome.status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(text),
      ...extra,
      ...outcome.headers,
    });
    res.end(text);
  }

  /** Applies one scripted failure; true when it answered (or dropped) the request. */
  async function inject(
    step: FailureStep,
    res: ServerResponse,
    record: RecordedRequest,
    headers: Record<string, string>,
  ) {
    switch (step.kind) {
      case 'status': {
        const name = step.name ?? (step.status === 500 ? 'internal_server_error' : 'application_error');
        respond(res, record, error(step.status, name, step.message ?? 'Injected failure.'), headers);
        return;
      }
      case 'html': {
        record.status = step.status;
        res.writeHead(step.status, { 'content-type': 'text/html', ...headers });
        res.end('<html><body><h1>Bad gateway</h1></body></html>');
        return;
      }
      case 'drop':
        record.status = 'dropped';
        res.socket?.destroy();
        return;
      case 'hang':
        record.status = 'hung';
        if (step.ms !== undefined) await sleep(step.ms).then(() => res.socket?.destroy());
        return;
      case 'rate-limit': {
        const retry = String(step.retryAfterS ?? 1);
        const limit = String(settings.rateLimit ?? 2);
        const rl = { 'ratelimit-limit': limit, 'ratelimit-remaining': '0', 'ratelimit-reset': retry };
        const body = error(
          429,
          'rate_limit_exceeded',
          'Too many requests. Please limit the number of requests per second.',
        );
        respond(res, record, body, { ...headers, ...rl, 'retry-after': retry });
        return;
      }
      case 'quota':
        respond(res, record, quotaError(step.which), headers);
        return;
      case 'pass':
        return;
    }
  }

  /** A request body as read off the socket: parsed (or why not), and the payload hash when a key was sent. */
  interface ReadBody {
    body: unknown;
    malformed: boolean;
    hash: string;
  }

  async function handleApi(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    read: ReadBody,
    at: number,
  ): Promise<void> {
    const header = (name: string) => {
      const v = req.headers[name];
      return Array.isArray(v) ? v[0] : v;
    };
    const record: RecordedRequest = {
      seq: ++seq,
      at,
      method: req.method ?? 'GET',
      path,
      status: 0,
      idempotencyKey: header('idempotency-key'),
      batchValidation: header('x-batch-validation'),
      userAgent: header('user-agent'),
      emails: 0,
      replayed: false,
    };
    requests.push(record);
    const second = Math.floor(at / 1000);
    perSecond.set(second, (perSecond.get(second) ?? 0) + 1);

    const scripted = script.shift();
    const step = scripted?.kind === 'pass' ? undefined : scripted;
    const after = step !== undefined && 'when' in step && step.when === 'after';
    if (step && !after) return inject(step, res, record, {});

    // Resend sits behind Cloudflare, which refuses requests without a User-Agent with a plain "error code: 1010".
    if (!record.userAgent) {
      record.status = 403;
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('error code: 1010');
      return;
    }
    const auth = header('authorization');
    if (!auth?.startsWith('Bearer ') || auth.slice(7).trim() === '') {
      return respond(res, record, error(401, 'missing_api_key', 'Missing API key in the authorization header.'), {});
    }
    if (auth.slice(7).trim() !== apiKey) {
      return respond(res, record, error(403, 'invalid_api_key', 'API key is invalid.'), {});
    }
    if (path !== '/emails' && path !== '/emails/batch') {
      return respond(res, record, error(404, 'not_found', 'The requested endpoint does not exist.'), {});
    }
    if (record.method !== 'POST') {
      return respond(
        res,
        record,
        error(405, 'method_not_allowed', 'Method is not allowed for the requested path.'),
        {},
      );
    }
    const gate = admit(at);
    if (!gate.ok) {
      const body = error(
        429,
        'rate_limit_exceeded',
        `Too many requests. You can only make ${settings.rateLimit} requests per second.`,
      );
      return respond(res, record, body, gate.headers);
    }
    const headers = gate.headers;
    const key = record.idempotencyKey;
    if (key !== undefined && (key.length < 1 || key.length > 256)) {
      return respond(
        res,
        record,
        error(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.'),
        headers,
      );
    }
    if (read.malformed) {
      return respond(res, record, error(400, 'validation_error', 'The request body is not valid JSON.'), headers);
    }
    const { body, hash } = read;

    if (key !== undefined) {
      let stored = idempotency.get(key);
      if (stored?.state === 'done' && stored.expiresAt <= now()) {
        idempotency.delete(key);
        stored = undefined;
      }
      if (stored && stored.hash !== hash) {
        const msg = 'Same idempotency key used with a different request payload.';
        return respond(res, record, error(409, 'invalid_idempotent_request', msg), headers);
      }
      if (stored?.state === 'in-flight') {
        const msg = 'Same idempotency key used while original request is still in progress.';
        return respond(res, record, error(409, 'concurrent_idempotent_requests', msg), headers);
      }
      if (stored?.state === 'done') {
        record.replayed = true;
        record.emails = Array.isArray(body) ? body.length : 1;
        record.status = stored.status;
        res.writeHead(stored.status, { 'content-type': 'application/json', ...headers });
        res.end(stored.body);
        return;
      }
      idempotency.set(key, { state: 'in-flight', hash });
    }

    const latency = settings.latencyMs;
    const delay =
      typeof latency === 'number' ? latency : latency ? latency[0] + Math.random() * (latency[1] - latency[0]) : 0;
    if (delay > 0) await sleep(delay);

    const outcome = processEmails(path, body, record);
    if (key !== undefined) {
      // Only answers that created emails are kept under the key; a refused request may be corrected and retried.
      if (outcome.status < 300) {
        const text = JSON.stringify(outcome.body);
        idempotency.set(key, { state: 'done', hash, status: outcome.status, body: text, expiresAt: now() + ttlMs });
      } else {
        idempotency.delete(key);
      }
    }
    if (step && after) return inject(step, res, record, headers);
    respond(res, record, outcome, headers);
  }

  function snapshot(opts: { byRecipient?: boolean } = {}): FakeResendStats {
    const statusCounts: Record<string, number> = {};
    let accepted = 0;
    let replayed = 0;
    for (const r of requests) {
      statusCounts[String(r.status)] = (statusCounts[String(r.status)] ?? 0) + 1;
      if (typeof r.status === 'number' && r.status < 300 && !r.replayed) accepted++;
      if (r.replayed) replayed++;
    }
    let dupRecipients = 0;
    let dupMessages = 0;
    for (const n of byRecipient.values()) {
      if (n > 1) {
        dupRecipients++;
        dupMessages += n - 1;
      }
    }
    const all = requests.map((r) => r.at);
    const ok = requests.filter((r) => typeof r.status === 'number' && r.status < 300).map((r) => r.at);
    return {
      totalRequests: requests.length,
      acceptedRequests: accepted,
      replayedRequests: replayed,
      statusCounts,
      totalMessages,
      recipients: byRecipient.size,
      duplicatedRecipients: dupRecipients,
      duplicateMessages: dupMessages,
      ...(opts.byRecipient === false ? {} : { byRecipient: Object.fromEntries(byRecipient) }),
      perSecond: Object.fromEntries([...perSecond].map(([s, n]) => [String(s), n])),
      maxRequestsInAnySecond: maxInWindow(all, 1000),
      maxAcceptedInAnySecond: maxInWindow(ok, 1000),
      firstRequestAt: requests[0]?.at ?? null,
      lastRequestAt: requests.at(-1)?.at ?? null,
    };
  }

  function reset(): void {
    seq = 0;
    messages = [];
    requests = [];
    totalMessages = 0;
    byRecipient = new Map();
    perSecond = new Map();
    admitted = [];
    idempotency = new Map();
    script = [];
    quota = { day: '', dayCount: 0, month: '', monthCount: 0 };
  }

  function configure(patch: Pick<FakeResendOptions, 'rateLimit' | 'dailyQuota' | 'monthlyQuota' | 'latencyMs'>) {
    for (const k of ['rateLimit', 'dailyQuota', 'monthlyQuota', 'latencyMs'] as const) {
      if (k in patch) (settings as Record<string, unknown>)[k] = patch[k];
    }
  }

  function control(req: IncomingMessage, res: ServerResponse, url: URL, raw: Buffer): void {
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const parse = (): unknown => (raw.length === 0 ? {} : JSON.parse(raw.toString('utf8')));
    try {
      if (req.method === 'GET' && url.pathname === '/_stats') {
        return json(200, snapshot({ byRecipient: url.searchParams.get('byRecipient') !== 'false' }));
      }
      if (req.method === 'GET' && url.pathname === '/_messages') {
        const to = url.searchParams.get('to');
        return json(200, to === null ? messages : handle.messagesTo(to));
      }
      if (req.method === 'POST' && url.pathname === '/_reset') {
        reset();
        return json(200, { ok: true });
      }
      if (req.method === 'POST' && url.pathname === '/_script') {
        const steps = parse();
        script.push(...(Array.isArray(steps) ? (steps as FailureStep[]) : [steps as FailureStep]));
        return json(200, { ok: true, pending: script.length });
      }
      if (req.method === 'POST' && url.pathname === '/_configure') {
        configure(parse() as FakeResendOptions);
        return json(200, { ok: true, settings });
      }
      return json(404, { error: 'unknown control endpoint' });
    } catch (err) {
      return json(400, { error: String(err) });
    }
  }

  // One reusable buffer for request bodies: fresh multi-megabyte allocations per batch cost more than parsing them.
  let scratch = Buffer.allocUnsafe(4 * 1024 * 1024);
  function assemble(chunks: Buffer[], size: number): Buffer {
    if (size > scratch.length) scratch = Buffer.allocUnsafe(Math.max(size, scratch.length * 2));
    let at = 0;
    for (const c of chunks) at += c.copy(scratch, at);
    return scratch.subarray(0, size);
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake-resend');
    // A request counts (for rate limits and the log) when it arrives, as at an API gateway, not when its body is read.
    const arrivedAt = now();
    const chunks: Buffer[] = [];
    let size = 0;
    // The payload hash for idempotency: path and raw body bytes, computed as they arrive.
    const hasher = req.headers['idempotency-key'] === undefined ? undefined : createHash('sha256').update(url.pathname);
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) return;
      chunks.push(chunk);
      hasher?.update(chunk);
    });
    req.on('end', () => {
      if (url.pathname.startsWith('/_')) return control(req, res, url, Buffer.concat(chunks));
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 413, name: 'validation_error', message: 'Request body too large.' }));
        return;
      }
      // Parsed synchronously here, so the shared scratch buffer is free again before any other request needs it.
      const read: ReadBody = { body: undefined, malformed: false, hash: hasher?.digest('hex') ?? '' };
      try {
        const raw = assemble(chunks, size);
        read.body = keepBodies ? JSON.parse(raw.toString('utf8')) : parseLeanJson(raw);
      } catch {
        read.malformed = true;
      }
      handleApi(req, res, url.pathname, read, arrivedAt).catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          res.writeHead(500, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ statusCode: 500, name: 'internal_server_error', message: String(err) }));
        }
      });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;

  const handle: FakeResend = {
    url,
    port: address.port,
    apiKey,
    get messages() {
      return messages;
    },
    get requests() {
      return requests;
    },
    stats: snapshot,
    countFor: (a) => byRecipient.get(bareAddress(a) ?? a.toLowerCase()) ?? 0,
    messagesTo: (a) => {
      const want = bareAddress(a) ?? a.toLowerCase();
      return messages.filter((m) => m.to.some((t) => (bareAddress(t) ?? t.toLowerCase()) === want));
    },
    maxRequestsInWindow: (windowMs = 1000, filter = () => true) =>
      maxInWindow(
        requests.filter(filter).map((r) => r.at),
        windowMs,
      ),
    script: (...steps) => {
      script.push(...steps);
    },
    configure,
    reset,
    close: () =>
      new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return handle;
}
