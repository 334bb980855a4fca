import type { Config } from '../config/index.ts';
import type { Logger } from '../shared/logger.ts';
import type { MailTransport } from './message.ts';
import { OutboxTransport } from './outbox-transport.ts';
import { ResendTransport } from './resend-transport.ts';
import { SmtpTransport } from './smtp-transport.ts';

export type { MailTransport, OutgoingMessage, SendOutcome, SendBatchOptions } from './message.ts';
export { OutboxTransport } from './outbox-transport.ts';
export { ResendTransport, type ResendTransportOptions } from './resend-transport.ts';
export { SmtpTransport, type SmtpTransportOptions } from './smtp-transport.ts';
export {
  InstrumentedTransport,
  ProviderMetrics,
  PROVIDER_LATENCY_BUCKETS,
  type ProviderCall,
  type ProviderMetricsSnapshot,
} from './instrumented-transport.ts';
export {
  buildDigestHeaders,
  buildFeedbackId,
  buildListHeaders,
  buildUnsubscribeHeaders,
  safeHeaders,
  type DigestHeaderOptions,
  type FeedbackIdOptions,
  type ListHeaderOptions,
  type UnsubscribeHeaderOptions,
} from './headers.ts';

/** The transport MAIL_TRANSPORT names. */
export function createTransport(config: Config, logger: Logger): MailTransport {
  switch (config.mail.transport) {
    case 'outbox':
      return new OutboxTransport({ dir: config.mail.outboxDir });
    case 'smtp':
      return new SmtpTransport({ url: config.mail.smtpUrl, logger });
    case 'resend': {
      const { apiKey, baseUrl, timeoutMs } = config.mail.resend;
      // load-config guarantees the key is set for this transport.
      return new ResendTransport({ apiKey: apiKey ?? '', baseUrl, timeoutMs, logger });
    }
  }
}
