/** One fully personalised email, ready for any transport. */
export interface OutgoingMessage {
  to: string;
  from: string;
  replyTo?: string;
  subject: string;
  html: string;
  text: string;
  /** Extra headers (List-Unsubscribe, List-Id, ...). Values must be single-line. */
  headers: Record<string, string>;
  /** Correlation values (edition date, subscriber id); sent as provider tags where supported. */
  tags: Record<string, string>;
  /**
   * The same html and text as shared pieces plus this recipient's values (render once, personalise per recipient).
   * Optional: transports may use it to encode the shared pieces once per profile instead of once per message.
   */
  spliced?: { html: SplicedContent; text: SplicedContent };
}

/**
 * `parts[0] + values[0] + parts[1] + ... + parts[n]`. What recurs between messages, for a transport that encodes
 * once what it can: by default the `parts` array (one per profile's rendering); `strings`: each part string (a
 * reader's own digest, made of blocks every reader shares); `none`: nothing (a reader's own plain text).
 */
export interface SplicedContent {
  readonly parts: readonly string[];
  readonly values: readonly string[];
  readonly recurs?: 'array' | 'strings' | 'none';
}

/** The outcome for one message of a batch. Batch-wide failures are thrown as typed errors instead. */
export type SendOutcome =
  | { index: number; status: 'sent'; providerId: string }
  | { index: number; status: 'failed'; code: string; reason: string };

export interface SendBatchOptions {
  /** The same key for the same batch on every retry, so a provider can answer a retry without sending again. */
  idempotencyKey: string;
  /** The edition date, for transports that file messages by date. */
  date: string;
  /**
   * Awaited immediately before the request leaves (after the payload is built), so a rate limiter spaces what the
   * provider actually receives. Transports call it once per provider request.
   */
  beforeRequest?: () => Promise<void>;
}

/** A way to hand messages to the world: outbox files, SMTP, or Resend's batch API. */
export interface MailTransport {
  readonly name: string;
  /** The most messages one `sendBatch` call takes. */
  readonly maxBatchSize: number;
  sendBatch(messages: readonly OutgoingMessage[], options: SendBatchOptions): Promise<SendOutcome[]>;
  close(): Promise<void>;
}
