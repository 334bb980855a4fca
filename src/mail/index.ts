import type { Config } from '../config/index.ts';
import type { Logger } from '../shared/logger.ts';
import type { MailTransport } from './message.ts';
import { OutboxTransport } from './outbox-transport.ts';

export type { MailTransport, OutgoingMessage, SendOutcome, SendBatchOptions } from './message.ts';
export { OutboxTransport, composeEml } from './outbox-transport.ts';
export { buildListHeaders, safeHeaders, assertSafeHeader, type ListHeaderOptions } from './headers.ts';

/** The transport MAIL_TRANSPORT names. */
export function createTransport(config: Config, _logger: Logger): MailTransport {
  switch (config.mail.transport) {
    case 'outbox':
      return new OutboxTransport({ dir: config.mail.outboxDir });
    default:
      throw new Error(`MAIL_TRANSPORT=${config.mail.transport} is not available yet`);
  }
}
