/**
 * A local HTTP server that speaks Resend's email API as documented (POST /emails, POST /emails/batch), for tests and
 * benches. Facts it follows: ../shared/notes/email-engineering.md section A. Each idea lives in its own file:
 * validation (validate.ts), the two endpoints (emails.ts), limits and quotas (limits.ts), idempotency keys
 * (idempotency.ts), injected failures (faults.ts), what it saw (recorder.ts), control endpoints (control.ts). This
 * file reads requests and runs them through those steps in Resend's order.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkAccess, header } from './access.ts';
import { control } from './control.ts';
import { processEmails, type EmailsDeps } from './emails.ts';
import { FaultScript } from './faults.ts';
import { IdempotencyStore } from './idempotency.ts';
import { QuotaCounter, RateWindow, rateLimitError } from './limits.ts';
import { Recorder } from './recorder.ts';
import { respond } from './reply.ts';
import { errorOutcome, type FakeResend, type FakeResendOptions, type FakeResendSettings } from './types.ts';

const MAX_BODY_BYTES = 50 * 1024 * 1024;

/** A request body as read off the socket: parsed (or why not), and the payload hash when a key was sent. */
interface ReadBody {
  body: unknown;
  malformed: boolean;
  hash: string;
}

/** Starts the fake Resend on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const now = options.now ?? Date.now;
  const apiKey = options.apiKey ?? 're_test_key';
  const keepBodies = options.keepBodies ?? false;
  const parseBody = keepBodies
    ? (raw: Buffer): unknown => JSON.parse(raw.toString('utf8'))
    : (options.parseBody ?? ((raw: Buffer): unknown => JSON.parse(raw.toString('utf8'))));
  const settings: FakeResendSettings = {
    rateLimit: options.rateLimit,
    dailyQuota: options.dailyQuota,
    monthlyQuota: options.monthlyQuota,
    latencyMs: options.latencyMs,
  };
  const recorder = new Recorder({ recordMessages: options.recordMessages ?? true, keepBodies });
  const rate = new RateWindow(settings);
  const quota = new QuotaCounter(settings);
  const idempotency = new IdempotencyStore(options.idempotencyTtlMs ?? 24 * 60 * 60 * 1000, now);
  const faults = new FaultScript(options.script ?? [], settings);
  const emails: EmailsDeps = {
    recorder,
    quota,
    rejectedDomains: (options.rejectedDomains ?? []).map((d) => d.toLowerCase()),
  };

  async function handleApi(req: IncomingMessage, res: ServerResponse, path: string, read: ReadBody, at: number) {
    const record = recorder.request({
      at,
      method: req.method ?? 'GET',
      path,
      idempotencyKey: header(req, 'idempotency-key'),
      batchValidation: header(req, 'x-batch-validation'),
      userAgent: header(req, 'user-agent'),
    });

    let step = faults.next();
    if (step?.kind === 'hold') step = await faults.hold(record);
    if (step?.kind === 'pass') step = undefined;
    const after = step !== undefined && 'when' in step && step.when === 'after';
    if (step && !after) return faults.inject(step, res, record, {});

    const refusal = checkAccess(req, path, apiKey);
    if (refusal?.kind === 'cloudflare') {
      record.status = 403;
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end('error code: 1010');
      return;
    }
    if (refusal) return respond(res, record, refusal.outcome, {});
    const gate = rate.admit(at);
    if (!gate.ok) return respond(res, record, rateLimitError(settings.rateLimit), gate.headers);
    const headers = gate.headers;
    const key = record.idempotencyKey;
    if (key !== undefined && (key.length < 1 || key.length > 256)) {
      const outcome = errorOutcome(400, 'invalid_idempotency_key', 'The key must be between 1-256 chars.');
      return respond(res, record, outcome, headers);
    }
    if (read.malformed) {
      return respond(
        res,
        record,
        errorOutcome(400, 'validation_error', 'The request body is not valid JSON.'),
        headers,
      );
    }
    const { body, hash } = read;

    if (key !== undefined) {
      const verdict = idempotency.begin(key, hash);
      if (verdict.kind === 'conflict')
        return respond(res, record, errorOutcome(409, verdict.name, verdict.message), headers);
      if (verdict.kind === 'replay') {
        record.replayed = true;
        record.emails = Array.isArray(body) ? body.length : 1;
        record.status = verdict.status;
        res.writeHead(verdict.status, { 'content-type': 'application/json', ...headers });
        res.end(verdict.body);
        return;
      }
    }

    const latency = settings.latencyMs;
    const delay =
      typeof latency === 'number' ? latency : latency ? latency[0] + Math.random() * (latency[1] - latency[0]) : 0;
    if (delay > 0) await faults.sleep(delay);

    const outcome = processEmails(emails, path, body, record);
    if (key !== undefined) idempotency.settle(key, hash, outcome.status, outcome.body);
    if (step && after) return faults.inject(step, res, record, headers);
    respond(res, record, outcome, headers);
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
      if (url.pathname.startsWith('/_')) return control(handle, settings, req, res, url, Buffer.concat(chunks));
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ statusCode: 413, name: 'validation_error', message: 'Request body too large.' }));
        return;
      }
      // Parsed synchronously here, so the shared scratch buffer is free again before any other request needs it.
      const read: ReadBody = { body: undefined, malformed: false, hash: hasher?.digest('hex') ?? '' };
      try {
        read.body = parseBody(assemble(chunks, size));
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

  const handle: FakeResend = {
    url: `http://${address.address}:${address.port}`,
    port: address.port,
    apiKey,
    get messages() {
      return recorder.messages;
    },
    get requests() {
      return recorder.requests;
    },
    stats: (opts) => recorder.stats(opts),
    countFor: (a) => recorder.countFor(a),
    messagesTo: (a) => recorder.messagesTo(a),
    maxRequestsInWindow: (windowMs, filter) => recorder.maxRequestsInWindow(windowMs, filter),
    script: (...steps) => void faults.push(...steps),
    held: () => faults.held(),
    release: (seq, then) => faults.release(seq, then),
    configure: (patch) => {
      for (const k of ['rateLimit', 'dailyQuota', 'monthlyQuota', 'latencyMs'] as const) {
        if (k in patch) (settings as Record<string, unknown>)[k] = patch[k];
      }
    },
    reset: () => {
      recorder.reset();
      rate.reset();
      quota.reset();
      idempotency.reset();
      faults.reset();
    },
    close: () =>
      new Promise<void>((resolve) => {
        faults.stop();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  return handle;
}
