import { createHmac, randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { simpleParser, type ParsedMail } from 'mailparser';
import { startWorkers } from '../../../jobs/workers.ts';
import { loadConfig, type Config } from '../../../src/config/index.ts';
import { OutboxTransport, type MailTransport, type OutgoingMessage } from '../../../src/mail/index.ts';
import { createRuntime } from '../../../src/runtime/index.ts';
import { silentLogger } from '../../../src/shared/logger.ts';
import { connectWebRedis } from '../../../src/shared/redis.ts';
import { SubscriberStore } from '../../../src/subscribers/index.ts';
import { buildWebApp } from '../../../src/web/index.ts';
import { openTestRedis, type TestRedis } from '../../support/redis.ts';
import { waitFor } from '../../support/worker-process.ts';

export const BASE_URL = 'https://paperboy.test';
export const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString('base64')}`;

export interface Mail {
  kind: string;
  subscriberId: string;
  parsed: ParsedMail;
  /** The first link to `path` (e.g. `/confirm`) in the text part. */
  link(path: string): string | undefined;
}

export interface WebHarness {
  app: FastifyInstance;
  t: TestRedis;
  config: Config;
  store: SubscriberStore;
  outbox: string;
  /** Every message handed to the transport, in order (the outbox keeps one file per kind and subscriber). */
  sent: OutgoingMessage[];
  /** Waits for the work requests left running in the background and for the worker to send every queued email. */
  settle(): Promise<void>;
  /** Waits for queued emails to be sent, then reads every .eml in the outbox (oldest first). */
  mails(): Promise<Mail[]>;
  close(): Promise<void>;
}

export async function startWeb(
  name: string,
  env: Record<string, string> = {},
  options: { now?: () => Date } = {},
): Promise<WebHarness> {
  const t = await openTestRedis(name);
  const outbox = await mkdtemp(join(tmpdir(), `paperboy-${name}-`));
  const config = loadConfig({
    REDIS_URL: t.url,
    REDIS_PREFIX: t.prefix,
    OUTBOX_DIR: outbox,
    // Pacing is tested elsewhere; here the worker sends each queued email at once.
    SEND_RATE: '1000',
    PUBLIC_BASE_URL: BASE_URL,
    LINK_SECRETS: 'test-link-secret-0123456789',
    RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET,
    LIST_UNSUBSCRIBE_MAILTO: 'unsubscribe@paperboy.test',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const sent: OutgoingMessage[] = [];
  const outboxTransport = new OutboxTransport({ dir: outbox });
  const transport: MailTransport = {
    name: 'recording-outbox',
    maxBatchSize: outboxTransport.maxBatchSize,
    // Recorded once the outbox has written them: a failed write is retried by the worker, not sent twice.
    sendBatch: async (messages, options) => {
      const outcomes = await outboxTransport.sendBatch(messages, options);
      sent.push(...messages);
      return outcomes;
    },
    close: () => outboxTransport.close(),
  };
  // The connection `paperboy serve` gives the web (commands time out instead of waiting for Redis).
  const webRedis = connectWebRedis(t.url);
  const app = await buildWebApp({
    config,
    logger: silentLogger(),
    redis: webRedis,
    keyspace: t.keyspace,
    ...(options.now ? { now: options.now } : {}),
  });
  // The web only queues transactional mail: an in-process worker sends it through the recording transport.
  const rt = createRuntime(config, silentLogger(), { transport });
  const workers = startWorkers(rt, { lockDurationMs: 5000 });
  const settle = async (): Promise<void> => {
    await app.webContext.background.idle();
    const queue = app.webContext.transactionalQueue;
    await waitFor(
      async () => {
        const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized');
        return Object.values(counts).every((n) => n === 0);
      },
      10_000,
      'the queued transactional emails to be sent',
      20,
    );
  };
  const mails = async (): Promise<Mail[]> => {
    await settle();
    const found: { path: string; file: string; mtime: number }[] = [];
    for (const date of await readdir(outbox)) {
      for (const file of await readdir(join(outbox, date))) {
        if (!file.endsWith('.eml')) continue;
        found.push({ path: join(outbox, date, file), file, mtime: 0 });
      }
    }
    const out: Mail[] = [];
    for (const f of found) {
      const parsed = await simpleParser(await readFile(f.path));
      const [stem = '', subscriberId = ''] = f.file.replace(/\.eml$/, '').split(/-(?=[A-Za-z0-9_-]{22}$)/);
      // A second email of a kind the same day is `<kind>-2-<id>`.
      const kind = stem.replace(/-\d+$/, '');
      const text = parsed.text ?? '';
      out.push({
        kind,
        subscriberId,
        parsed,
        link: (path) => text.match(new RegExp(`${BASE_URL}${path}\\?token=[A-Za-z0-9._-]+`))?.[0],
      });
    }
    return out;
  };
  return {
    app,
    t,
    config,
    store: new SubscriberStore(t.redis, t.keyspace, { suppressionSecret: config.suppressionSecret }),
    outbox,
    sent,
    mails,
    settle,
    close: async () => {
      await app.close();
      await workers.close();
      await rt.close();
      webRedis.disconnect();
      await t.cleanup();
      await rm(outbox, { recursive: true, force: true });
    },
  };
}

/** Removes the outbox's files (between steps of one test). */
export async function clearOutbox(outbox: string): Promise<void> {
  for (const entry of await readdir(outbox)) await rm(join(outbox, entry), { recursive: true, force: true });
}

/** The path and query of an absolute link, for `inject`. */
export const pathOf = (url: string): string => {
  const u = new URL(url);
  return u.pathname + u.search;
};

/** Signs a webhook body the way Svix does (independent of the code under test; cross-checked with the SDK). */
export function signWebhook(
  body: string,
  secret = WEBHOOK_SECRET,
  at = new Date(),
  id = `msg_${randomBytes(8).toString('hex')}`,
) {
  const timestamp = String(Math.floor(at.getTime() / 1000));
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const signature = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
  return {
    'svix-id': id,
    'svix-timestamp': timestamp,
    'svix-signature': signature,
    'content-type': 'application/json',
  };
}

export const form = (fields: Record<string, string | string[]>): string => {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
  return p.toString();
};

export const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
