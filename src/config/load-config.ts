import type { z } from 'zod';
import { ConfigError } from '../shared/errors.ts';
import { productionProblems } from './production-guard.ts';
import { feedbackSenderId, transactionalSender } from './senders.ts';
import { DEV_SUPPRESSION_SECRET, envSchema, RETENTION_DAYS } from './schema.ts';

/** The validated, frozen configuration. Read once at start-up and passed down; nothing else reads process.env. */
export interface Config {
  readonly env: 'development' | 'production' | 'test';
  readonly log: { readonly level: string; readonly format: 'auto' | 'json' | 'pretty' };
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly papers: {
    readonly apiUrl: string;
    readonly timeoutMs: number;
    readonly retries: number;
    readonly maxPages: number;
    readonly maxResponseBytes: number;
  };
  /** How the fetch stage rides out a Daily Papers outage. */
  readonly papersOutage: { readonly windowMs: number; readonly maxDelayMs: number };
  readonly mail: {
    readonly transport: 'outbox' | 'smtp' | 'resend';
    readonly outboxDir: string;
    /** The digest's sender. */
    readonly from: string;
    /** The sender of transactional mail (confirm, preferences saved, goodbye, fresh link), apart from the digest's. */
    readonly transactionalFrom: string;
    /** The right-most field of the Feedback-ID header (Gmail's Feedback Loop). */
    readonly feedbackSenderId: string;
    readonly replyTo: string | undefined;
    readonly postalAddress: string;
    readonly listId: string;
    readonly unsubscribeMailto: string | undefined;
    readonly smtpUrl: string;
    readonly resend: {
      readonly apiKey: string | undefined;
      readonly baseUrl: string | undefined;
      readonly webhookSecret: string | undefined;
      readonly timeoutMs: number;
    };
  };
  readonly web: {
    readonly publicBaseUrl: string;
    readonly port: number;
    readonly host: string;
    readonly previewPort: number;
    /**
     * Behind a reverse proxy: how many hops (a number) or which proxy addresses/CIDRs to trust for
     * X-Forwarded-For/-Proto (the client IP the rate limits key on); `false` trusts nobody.
     */
    readonly trustProxy: false | number | readonly string[];
  };
  readonly links: {
    readonly secrets: readonly string[];
    readonly manageTtlDays: number;
    readonly unsubscribeTtlDays: number;
    readonly confirmTtlDays: number;
  };
  readonly templateEngine: 'react' | 'mjml';
  readonly send: {
    readonly rate: number;
    readonly batchSize: number;
    readonly concurrency: number;
    readonly skipEmptyDigest: boolean;
    /** Each reader's own digest (true), or one rendering per preference profile (false). */
    readonly personalDigests: boolean;
    readonly lockMs: number;
  };
  readonly ranking: {
    readonly starBonus: number;
  };
  readonly schedule: { readonly cron: string; readonly tz: string };
  readonly editions: {
    /** A morning edition covers at most this many list days back. */
    readonly maxDays: number;
    /** Papers of the last this many editions that went out are not sent again (0: no check). */
    readonly repeatWindow: number;
  };
  readonly failureAlertShare: number;
  readonly adminPassword: string | undefined;
  readonly notices: {
    /** At most one "preferences saved" email per subscriber per this many seconds (0: send each at once). */
    readonly preferencesWindowSeconds: number;
    /** Send a goodbye email after an unsubscribe (at most once per subscriber). */
    readonly goodbye: boolean;
  };
  /** Keys the hashes that keep erased bounced/complained/unsubscribed addresses suppressed. */
  readonly suppressionSecret: string;
  readonly retention: Retention;
}

/** How long Paperboy keeps what it writes to Redis, in seconds (the README's "Retention" says why). */
export interface Retention {
  /** An edition's ledger, counts, plan lists, profiles, batch keys and provider index: from planning, refreshed at finish and retry. */
  readonly deliverySeconds: number;
  /** A stored day of papers: from its fetch, refreshed when its edition is built. */
  readonly papersSeconds: number;
  /** A built edition and its place in the archive index; 0 keeps it forever. */
  readonly editionSeconds: number;
}

const DAY_SECONDS = 24 * 3600;

/** The default retention, for code that only reads (a writer is given `config.retention`). */
export const DEFAULT_RETENTION: Retention = Object.freeze({
  deliverySeconds: RETENTION_DAYS.delivery * DAY_SECONDS,
  papersSeconds: RETENTION_DAYS.papers * DAY_SECONDS,
  editionSeconds: RETENTION_DAYS.edition * DAY_SECONDS,
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const name = issue.path.join('.') || '(environment)';
      return `  ${name}: ${issue.message}`;
    })
    .join('\n');
}

/**
 * Validates the environment once. Empty strings count as unset. A bad value throws a ConfigError that names every
 * offending variable and what it expects.
 */
export function loadConfig(source: Record<string, string | undefined> = process.env): Config {
  const env: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const v = source[key];
    if (v !== undefined && v.trim() !== '') env[key] = v.trim();
  }
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${formatIssues(parsed.error)}`);
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.MAIL_TRANSPORT === 'resend' && !e.RESEND_API_KEY) {
    problems.push('  RESEND_API_KEY: required when MAIL_TRANSPORT=resend');
  }
  if (e.NODE_ENV === 'production') {
    // A password that guards the queues (and so every subscriber's inbox) must resist offline-speed guessing.
    if (e.ADMIN_PASSWORD !== undefined && e.ADMIN_PASSWORD.length < 16) {
      problems.push('  ADMIN_PASSWORD: expected at least 16 characters when NODE_ENV=production');
    }
    if (e.SUPPRESSION_SECRET === DEV_SUPPRESSION_SECRET) {
      problems.push('  SUPPRESSION_SECRET: required when NODE_ENV=production (openssl rand -base64 32)');
    }
  }
  // Outside development (production, or a transport that mails real people) the development defaults are refused.
  problems.push(...productionProblems(e));
  if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n${problems.join('\n')}`);
  if (e.EDITION_RETENTION_DAYS !== 0 && e.EDITION_RETENTION_DAYS < e.DELIVERY_RETENTION_DAYS) {
    // The frozen edition is what stops an old date from being planned (and sent) again once its ledger is gone.
    throw new ConfigError(
      `Invalid configuration:\n  EDITION_RETENTION_DAYS: expected 0 (forever) or at least DELIVERY_RETENTION_DAYS (${e.DELIVERY_RETENTION_DAYS})`,
    );
  }
  return deepFreeze<Config>({
    env: e.NODE_ENV,
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    papers: {
      apiUrl: e.PAPERS_API_URL,
      timeoutMs: e.PAPERS_TIMEOUT_MS,
      retries: e.PAPERS_RETRIES,
      maxPages: e.PAPERS_MAX_PAGES,
      maxResponseBytes: e.PAPERS_MAX_RESPONSE_BYTES,
    },
    papersOutage: {
      windowMs: Math.round(e.PAPERS_OUTAGE_WINDOW_MINUTES * 60_000),
      maxDelayMs: e.PAPERS_OUTAGE_MAX_DELAY_SECONDS * 1000,
    },
    mail: {
      transport: e.MAIL_TRANSPORT,
      outboxDir: e.OUTBOX_DIR,
      from: e.MAIL_FROM,
      transactionalFrom: e.TRANSACTIONAL_FROM ?? transactionalSender(e.MAIL_FROM),
      feedbackSenderId: e.FEEDBACK_ID_SENDER ?? feedbackSenderId(e.MAIL_FROM),
      replyTo: e.MAIL_REPLY_TO,
      postalAddress: e.POSTAL_ADDRESS,
      listId: e.LIST_ID,
      unsubscribeMailto: e.LIST_UNSUBSCRIBE_MAILTO,
      smtpUrl: e.SMTP_URL,
      resend: {
        apiKey: e.RESEND_API_KEY,
        baseUrl: e.RESEND_BASE_URL,
        webhookSecret: e.RESEND_WEBHOOK_SECRET,
        timeoutMs: e.RESEND_TIMEOUT_MS,
      },
    },
    web: {
      publicBaseUrl: e.PUBLIC_BASE_URL,
      port: e.PORT,
      host: e.HOST,
      previewPort: e.PREVIEW_PORT,
      trustProxy: e.TRUST_PROXY,
    },
    links: {
      secrets: e.LINK_SECRETS,
      manageTtlDays: e.MANAGE_LINK_TTL_DAYS,
      unsubscribeTtlDays: e.UNSUBSCRIBE_LINK_TTL_DAYS,
      confirmTtlDays: e.CONFIRM_LINK_TTL_DAYS,
    },
    templateEngine: e.TEMPLATE_ENGINE,
    send: {
      rate: e.SEND_RATE,
      batchSize: e.SEND_BATCH_SIZE,
      concurrency: e.SEND_CONCURRENCY,
      skipEmptyDigest: e.SKIP_EMPTY_DIGEST,
      personalDigests: e.PERSONAL_DIGESTS,
      lockMs: e.WORKER_LOCK_MS,
    },
    ranking: { starBonus: e.RANK_STAR_BONUS },
    schedule: { cron: e.DIGEST_SCHEDULE, tz: e.DIGEST_TZ },
    editions: { maxDays: e.EDITION_MAX_DAYS, repeatWindow: e.REPEAT_WINDOW_EDITIONS },
    failureAlertShare: e.FAILURE_ALERT_SHARE,
    adminPassword: e.ADMIN_PASSWORD,
    notices: { preferencesWindowSeconds: e.PREFERENCES_EMAIL_WINDOW_SECONDS, goodbye: e.GOODBYE_EMAIL },
    suppressionSecret: e.SUPPRESSION_SECRET,
    retention: {
      deliverySeconds: e.DELIVERY_RETENTION_DAYS * DAY_SECONDS,
      papersSeconds: e.PAPERS_RETENTION_DAYS * DAY_SECONDS,
      editionSeconds: e.EDITION_RETENTION_DAYS * DAY_SECONDS,
    },
  });
}
