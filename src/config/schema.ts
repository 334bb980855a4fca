import { isIP } from 'node:net';
import { z } from 'zod';
import { parseRedisUrl } from '../shared/redis-url.ts';
import { DEV_LINK_SECRET, DEV_MAIL_FROM, EXAMPLE_POSTAL_ADDRESS } from './production-guard.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'expected true or false' })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const int = (min: number, max: number) =>
  z.coerce
    .number({ message: 'expected a whole number' })
    .int({ message: 'expected a whole number' })
    .min(min, { message: `expected at least ${min}` })
    .max(max, { message: `expected at most ${max}` });

const num = (min: number, max: number) =>
  z.coerce
    .number({ message: 'expected a number' })
    .min(min, { message: `expected at least ${min}` })
    .max(max, { message: `expected at most ${max}` });

const httpUrl = z
  .string()
  .url({ message: 'expected an http(s) URL' })
  .refine((u) => /^https?:\/\//.test(u), { message: 'expected an http(s) URL' })
  .transform((u) => u.replace(/\/+$/, ''));

/** The development default of SUPPRESSION_SECRET, refused when NODE_ENV=production. */
export const DEV_SUPPRESSION_SECRET = 'dev-only-suppression-secret-change-me';

/** A list separated by commas (blank entries dropped). */
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0),
);

// proxy-addr's named ranges (Fastify's trustProxy understands them).
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrRange(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address = '', bits, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n <= (family === 4 ? 32 : 128);
}

/**
 * Which peers are trusted to say who the client is (X-Forwarded-For, -Proto, -Host): `false` (none: the socket's
 * address is the client), a number of proxy hops in front of Paperboy, or the proxies' addresses and CIDR ranges.
 * `true` (trust every hop) is refused: it lets any client choose its IP by sending X-Forwarded-For itself.
 */
export const trustProxySetting = z.string().transform((v, ctx): false | number | string[] => {
  const value = v.trim().toLowerCase();
  if (['false', '0', 'no'].includes(value)) return false;
  if (['true', 'yes'].includes(value)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'true would let any client choose its own IP address (and so escape the rate limits) by sending ' +
        'X-Forwarded-For; set the number of proxies in front of Paperboy (e.g. 1) or their addresses/CIDRs ' +
        '(e.g. 10.0.0.0/8,loopback)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 10) {
      ctx.addIssue({ code: 'custom', message: 'expected at most 10 proxy hops' });
      return z.NEVER;
    }
    return hops;
  }
  const entries = value
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  const bad = entries.find((x) => !isAddressOrRange(x));
  if (entries.length === 0 || bad !== undefined) {
    ctx.addIssue({
      code: 'custom',
      message:
        `expected false, a number of proxy hops, or proxy addresses/CIDRs separated by commas` +
        (bad === undefined ? '' : ` ("${bad}" is none of those)`),
    });
    return z.NEVER;
  }
  return entries;
});
/** How many days Paperboy keeps what it writes to Redis, by default (the README's "Retention" says why). */
export const RETENTION_DAYS = { delivery: 14, papers: 7, edition: 0 } as const;

/**
 * The environment Paperboy reads, each variable with its default. This is the only description of configuration;
 * the README's table is written from it.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),

  /** One server (`redis://`), or a Redis Cluster: a comma-separated list of node URLs, or `redis+cluster://`. */
  REDIS_URL: z
    .string()
    .superRefine((value, ctx) => {
      try {
        parseRedisUrl(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : String(error) });
      }
    })
    .default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { message: "expected letters, digits, '.', '_' or '-'" })
    .default('paperboy'),

  PAPERS_API_URL: httpUrl.default('https://huggingface.co/api'),
  PAPERS_TIMEOUT_MS: int(100, 120_000).default(15_000),
  PAPERS_RETRIES: int(0, 10).default(4),
  /** How long the fetch stage keeps retrying a Daily Papers outage before the edition fails loudly. */
  PAPERS_OUTAGE_WINDOW_MINUTES: num(0.05, 24 * 60).default(120),
  /** The longest wait between two fetch attempts during an outage (exponential backoff up to this). */
  PAPERS_OUTAGE_MAX_DELAY_SECONDS: int(1, 3600).default(300),
  /** The most pages of papers one day may have (100 papers a page); more is an error, not a silent cut. */
  PAPERS_MAX_PAGES: int(1, 1000).default(20),
  /** The largest response body the papers client reads; it stops reading there. */
  PAPERS_MAX_RESPONSE_BYTES: int(10_000, 1_000_000_000).default(8_000_000),

  MAIL_TRANSPORT: z
    .enum(['outbox', 'smtp', 'resend'], { message: 'expected outbox, smtp or resend' })
    .default('outbox'),
  OUTBOX_DIR: z.string().min(1).default('outbox'),
  MAIL_FROM: z.string().min(3).default(DEV_MAIL_FROM),
  /** The sender of confirm, preferences-saved, goodbye and fresh-link emails; default: MAIL_FROM's name, `account@` its domain. */
  TRANSACTIONAL_FROM: z.string().min(3).optional(),
  /** The right-most field of every Feedback-ID header (Gmail's Feedback Loop); default: from MAIL_FROM's domain. */
  FEEDBACK_ID_SENDER: z
    .string()
    .regex(/^[A-Za-z0-9_-]{5,15}$/, { message: "expected 5 to 15 letters, digits, '_' or '-'" })
    .optional(),
  MAIL_REPLY_TO: z.string().optional(),
  POSTAL_ADDRESS: z.string().min(1).default(EXAMPLE_POSTAL_ADDRESS),
  LIST_ID: z.string().min(1).default('Paperboy daily digest <daily.paperboy.localhost>'),
  LIST_UNSUBSCRIBE_MAILTO: z.string().email({ message: 'expected an email address' }).optional(),

  PUBLIC_BASE_URL: httpUrl.default('http://localhost:3000'),
  PORT: int(1, 65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PREVIEW_PORT: int(1, 65535).default(3001),
  TRUST_PROXY: trustProxySetting.default(false),

  LINK_SECRETS: list
    .refine((l) => l.length > 0, { message: 'expected at least one secret' })
    .refine((l) => l.every((s) => s.length >= 16), { message: 'expected secrets of at least 16 characters each' })
    .default([DEV_LINK_SECRET]),
  MANAGE_LINK_TTL_DAYS: int(1, 3650).default(90),
  UNSUBSCRIBE_LINK_TTL_DAYS: int(365, 3650).default(400),
  CONFIRM_LINK_TTL_DAYS: int(1, 60).default(7),

  RESEND_API_KEY: z.string().min(1).optional(),
  RESEND_BASE_URL: httpUrl.optional(),
  RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
  RESEND_TIMEOUT_MS: int(100, 120_000).default(20_000),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, { message: 'expected an smtp:// or smtps:// URL' })
    .default('smtp://127.0.0.1:1025'),

  TEMPLATE_ENGINE: z.enum(['react', 'mjml'], { message: 'expected react or mjml' }).default('react'),

  SEND_RATE: num(0.1, 1000).default(2),
  SEND_BATCH_SIZE: int(1, 100).default(100),
  SEND_CONCURRENCY: int(1, 64).default(3),
  SKIP_EMPTY_DIGEST: bool.default(true),
  /**
   * Each reader's own digest (their order, "For you", why lines, feedback links), assembled per reader; false sends
   * one rendering per preference profile, without feedback links (the switch back if personal digests misbehave).
   */
  PERSONAL_DIGESTS: bool.default(true),
  /** How long a job's lock lasts: a crashed worker's jobs are picked up again after about this long. */
  WORKER_LOCK_MS: int(1000, 600_000).default(30_000),

  /** Upvotes order each section; stars add at most this share of a paper's upvotes (README, "Ranking"). */
  RANK_STAR_BONUS: num(0, 0.2).default(0.05),

  /** A morning edition covers at most this many list days back (the catch-up after missed mornings). */
  EDITION_MAX_DAYS: int(1, 31).default(7),
  /** A paper in one of the last N editions that went out is left out of the next ones (0: no check). */
  REPEAT_WINDOW_EDITIONS: int(0, 60).default(7),

  DIGEST_SCHEDULE: z.string().min(9).default('0 7 * * 1-5'),
  DIGEST_TZ: z.string().min(1).default('UTC'),
  FAILURE_ALERT_SHARE: num(0, 1).default(0.05),
  /** At least 16 characters when NODE_ENV=production (checked in loadConfig). */

  /** Delivery records (ledger, plan lists, batch keys, provider index): past Resend's 24 h window, retries, webhooks. */
  DELIVERY_RETENTION_DAYS: int(2, 3650).default(RETENTION_DAYS.delivery),
  /** A fetched day of papers, from its fetch and again from the build of its edition. */
  PAPERS_RETENTION_DAYS: int(1, 3650).default(RETENTION_DAYS.papers),
  /** Built editions (the archive); 0 keeps them forever. */
  EDITION_RETENTION_DAYS: int(0, 36_500).default(RETENTION_DAYS.edition),
  ADMIN_PASSWORD: z.string().min(8, { message: 'expected at least 8 characters' }).optional(),

  /** Keys the hashes of erased but suppressed addresses; must stay the same for as long as those should hold. */
  SUPPRESSION_SECRET: z
    .string()
    .min(16, { message: 'expected at least 16 characters' })
    .default(DEV_SUPPRESSION_SECRET),
  /** At most one "preferences saved" email per subscriber per window, sent at its end with the latest choices. */
  PREFERENCES_EMAIL_WINDOW_SECONDS: int(0, 86_400).default(600),
  /** A goodbye email after an unsubscribe (at most one per subscriber). */
  GOODBYE_EMAIL: bool.default(false),
});

export type Env = z.infer<typeof envSchema>;
