import { z } from 'zod';

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

/** A list separated by commas (blank entries dropped). */
const list = z.string().transform((s) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x.length > 0),
);

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

  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { message: 'expected a redis:// or rediss:// URL' })
    .default('redis://127.0.0.1:6379'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._-]+$/, { message: "expected letters, digits, '.', '_' or '-'" })
    .default('paperboy'),

  PAPERS_API_URL: httpUrl.default('https://huggingface.co/api'),
  PAPERS_TIMEOUT_MS: int(100, 120_000).default(15_000),
  PAPERS_RETRIES: int(0, 10).default(4),
  /** The most pages of papers one day may have (100 papers a page); more is an error, not a silent cut. */
  PAPERS_MAX_PAGES: int(1, 1000).default(20),
  /** The largest response body the papers client reads; it stops reading there. */
  PAPERS_MAX_RESPONSE_BYTES: int(10_000, 1_000_000_000).default(8_000_000),

  MAIL_TRANSPORT: z
    .enum(['outbox', 'smtp', 'resend'], { message: 'expected outbox, smtp or resend' })
    .default('outbox'),
  OUTBOX_DIR: z.string().min(1).default('outbox'),
  MAIL_FROM: z.string().min(3).default('Paperboy <digest@paperboy.localhost>'),
  MAIL_REPLY_TO: z.string().optional(),
  POSTAL_ADDRESS: z.string().min(1).default('Paperboy, 1 Example Street, 00000 Example City'),
  LIST_ID: z.string().min(1).default('Paperboy daily digest <daily.paperboy.localhost>'),
  LIST_UNSUBSCRIBE_MAILTO: z.string().email({ message: 'expected an email address' }).optional(),

  PUBLIC_BASE_URL: httpUrl.default('http://localhost:3000'),
  PORT: int(1, 65535).default(3000),
  HOST: z.string().default('127.0.0.1'),
  PREVIEW_PORT: int(1, 65535).default(3001),
  TRUST_PROXY: bool.default(false),

  LINK_SECRETS: list
    .refine((l) => l.length > 0, { message: 'expected at least one secret' })
    .refine((l) => l.every((s) => s.length >= 16), { message: 'expected secrets of at least 16 characters each' })
    .default(['dev-only-link-secret-change-me']),
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
  /** How long a job's lock lasts: a crashed worker's jobs are picked up again after about this long. */
  WORKER_LOCK_MS: int(1000, 600_000).default(30_000),

  RANK_WEIGHT_UPVOTES: num(0, 100).default(1),
  RANK_WEIGHT_COMMENTS: num(0, 100).default(0.5),
  RANK_WEIGHT_STARS: num(0, 100).default(0.3),
  RANK_FRESHNESS_HALF_LIFE_HOURS: num(1, 10_000).default(24),

  DIGEST_SCHEDULE: z.string().min(9).default('0 7 * * 1-5'),
  DIGEST_TZ: z.string().min(1).default('UTC'),
  FAILURE_ALERT_SHARE: num(0, 1).default(0.05),

  /** Delivery records (ledger, plan lists, batch keys, provider index): past Resend's 24 h window, retries, webhooks. */
  DELIVERY_RETENTION_DAYS: int(2, 3650).default(RETENTION_DAYS.delivery),
  /** A fetched day of papers, from its fetch and again from the build of its edition. */
  PAPERS_RETENTION_DAYS: int(1, 3650).default(RETENTION_DAYS.papers),
  /** Built editions (the archive); 0 keeps them forever. */
  EDITION_RETENTION_DAYS: int(0, 36_500).default(RETENTION_DAYS.edition),
  ADMIN_PASSWORD: z.string().min(8, { message: 'expected at least 8 characters' }).optional(),
});

export type Env = z.infer<typeof envSchema>;
