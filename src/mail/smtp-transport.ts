import { createHash } from 'node:crypto';
import nodemailer, { type Mail, type SMTPPoolOptions, type SMTPPoolSentMessageInfo } from 'nodemailer';
import { PermanentError, TransientError } from '../shared/errors.ts';
import type { Logger } from '../shared/logger.ts';
import type { MailTransport, OutgoingMessage, SendBatchOptions, SendOutcome } from './message.ts';

export interface SmtpTransportOptions {
  /** `smtp://[user:pass@]host:port` or `smtps://...` (config.mail.smtpUrl). */
  url: string;
  logger?: Logger | undefined;
  /** Messages per `sendBatch` call. Default 50. */
  maxBatchSize?: number | undefined;
  /** Open connections in the pool. Default 5. */
  maxConnections?: number | undefined;
  /** Connect, greeting and idle-socket timeout. Default 15 s. */
  timeoutMs?: number | undefined;
}

/** What nodemailer attaches to its errors (see nodemailer's NodemailerError). */
interface SmtpError {
  code?: string | undefined;
  responseCode?: number | undefined;
  response?: string | undefined;
  permanent?: boolean | undefined;
  message?: string | undefined;
}

type Attempt =
  | { kind: 'sent'; providerId: string }
  | { kind: 'failed'; code: string; reason: string }
  | { kind: 'transient'; reason: string }
  | { kind: 'setup'; code: string; reason: string };

/** Errors of the connection's set-up that no message can fix: wrong credentials, TLS or configuration. */
const SETUP_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS', 'ECONFIG']);
/** Errors about the message itself, raised before any server reply. */
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'ESTREAM', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS']);

/** Classifies one failed `sendMail`: 5xx replies fail the message, 4xx replies and lost connections may pass. */
function classify(error: unknown): Attempt {
  const e = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
  const reason = (e.response ?? e.message ?? String(error)).trim();
  if (e.responseCode !== undefined) {
    // RFC 5321: 5yz is a permanent refusal, 4yz transient; 503 (bad sequence) means the session, not the message.
    const permanent = e.permanent ?? (e.responseCode >= 500 && e.responseCode < 600 && e.responseCode !== 503);
    if (e.code === 'EAUTH') return { kind: 'setup', code: 'smtp_auth', reason };
    return permanent ? { kind: 'failed', code: `smtp_${e.responseCode}`, reason } : { kind: 'transient', reason };
  }
  if (e.code !== undefined && SETUP_CODES.has(e.code)) {
    return { kind: 'setup', code: `smtp_${e.code.toLowerCase()}`, reason };
  }
  if (e.code !== undefined && MESSAGE_CODES.has(e.code)) {
    return { kind: 'failed', code: `smtp_${e.code.toLowerCase()}`, reason };
  }
  return { kind: 'transient', reason };
}

/** The domain of `Name <a@b.c>` or `a@b.c`, for Message-IDs. */
function domainOf(address: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(address);
  return m?.[1] ?? 'paperboy.localhost';
}

/**
 * A Message-ID that is the same on every retry of the same batch for the same recipient (idempotency key + address,
 * hashed), so a duplicate that slips through a crash is recognisable, and dropped, by anything that dedupes on
 * Message-ID. Not the message's position: a retry whose batch lost a recipient (erased) keeps the batch's key, and
 * positions would then name other people's messages.
 */
export function smtpMessageId(idempotencyKey: string, to: string, from: string): string {
  const digest = createHash('sha256').update(`${idempotencyKey}\n${to}`).digest('hex').slice(0, 40);
  return `<${digest}@${domainOf(from)}>`;
}

/**
 * Sends through an SMTP server with a pool of connections (nodemailer, `pool: true`), e.g. the docker-compose mail
 * catcher. SMTP has no idempotency keys: the deterministic Message-ID is what marks a duplicate.
 */
export class SmtpTransport implements MailTransport {
  readonly name = 'smtp';
  readonly maxBatchSize: number;
  private readonly mailer: Mail<SMTPPoolSentMessageInfo, SMTPPoolOptions>;
  private readonly logger: Logger | undefined;

  constructor(options: SmtpTransportOptions) {
    const timeout = options.timeoutMs ?? 15_000;
    this.maxBatchSize = options.maxBatchSize ?? 50;
    this.logger = options.logger;
    this.mailer = nodemailer.createTransport({
      url: options.url,
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout * 2,
    });
  }

  private async attempt(m: OutgoingMessage, messageId: string): Promise<Attempt> {
    try {
      const info = await this.mailer.sendMail({
        from: m.from,
        to: m.to,
        ...(m.replyTo ? { replyTo: m.replyTo } : {}),
        subject: m.subject,
        html: m.html,
        text: m.text,
        headers: m.headers,
        messageId,
      });
      return { kind: 'sent', providerId: info.messageId || messageId };
    } catch (error) {
      return classify(error);
    }
  }

  /**
   * Sends each message of the batch over the pool. A 5xx reply fails that message permanently; if nothing could be
   * sent because the server is unreachable (or answers 4xx to everything) a TransientError is thrown so the whole
   * batch is retried; bad credentials or TLS throw a PermanentError. Messages that still meet a transient error
   * after one more try while others went out are reported failed with code `smtp_transient` (re-sending the
   * batch would duplicate the sent ones).
   */
  async sendBatch(messages: readonly OutgoingMessage[], options: SendBatchOptions): Promise<SendOutcome[]> {
    if (messages.length > this.maxBatchSize) {
      throw new PermanentError(
        `SMTP batches take at most ${this.maxBatchSize} messages, got ${messages.length}`,
        'batch_too_large',
      );
    }
    const ids = messages.map((m) => smtpMessageId(options.idempotencyKey, m.to, m.from));
    // One SEND_RATE slot per batch: SMTP relays limit connections and messages, not API calls.
    await options.beforeRequest?.();
    const results = await Promise.all(messages.map((m, i) => this.attempt(m, ids[i] as string)));

    const setup = results.find((r) => r.kind === 'setup');
    if (setup) throw new PermanentError(`SMTP refused the connection set-up: ${setup.reason}`, setup.code);
    const transient = results.flatMap((r, i) => (r.kind === 'transient' ? [i] : []));
    if (transient.length > 0 && !results.some((r) => r.kind === 'sent')) {
      const first = results[transient[0] as number] as { reason: string };
      throw new TransientError(`SMTP sent nothing of the batch: ${first.reason}`, 'smtp_unavailable');
    }
    for (const i of transient) results[i] = await this.attempt(messages[i] as OutgoingMessage, ids[i] as string);

    const outcomes = results.map((r, index): SendOutcome => {
      switch (r.kind) {
        case 'sent':
          return { index, status: 'sent', providerId: r.providerId };
        case 'failed':
        case 'setup':
          return { index, status: 'failed', code: r.code, reason: r.reason };
        case 'transient':
          return { index, status: 'failed', code: 'smtp_transient', reason: r.reason };
      }
    });
    const failed = outcomes.filter((o) => o.status === 'failed').length;
    this.logger?.debug({ count: messages.length, failed, key: options.idempotencyKey }, 'smtp batch sent');
    return outcomes;
  }

  close(): Promise<void> {
    this.mailer.close();
    return Promise.resolve();
  }
}
