import type { Config } from '../config/index.ts';
import type { OutgoingMessage } from '../mail/index.ts';
import type { TransactionalJobData, TransactionalKind } from '../queue/index.ts';
import { renderTransactional, type RenderedEmail } from '../render/index.ts';
import { createLinkBuilder, type LinkBuilder, type Subscriber } from '../subscribers/index.ts';
import { THEMES } from '../themes/index.ts';
import { transactionalHeaders } from './headers.ts';

const labels = new Map(THEMES.map((t) => [t.id, t.label]));
const topicLabel = (id: string): string => labels.get(id) ?? id;

/**
 * The provider's idempotency key of one transactional email: the same on every attempt (a worker retry, a stalled job,
 * Bull Board's retry button), so Resend answers a repeat from its 24-hour store instead of sending again.
 */
export function transactionalIdempotencyKey(job: TransactionalJobData): string {
  return `paperboy-tx/${job.kind}/${job.subscriberId}/${Date.parse(job.issuedAt)}`;
}

function renderKind(
  kind: TransactionalKind,
  subscriber: Subscriber,
  links: LinkBuilder,
  config: Config,
): Promise<RenderedEmail> {
  const { postalAddress } = config.mail;
  const engine = config.templateEngine;
  const topics = subscriber.preferences.topics.map(topicLabel);
  switch (kind) {
    case 'confirm':
      return renderTransactional(
        'confirm',
        {
          confirmUrl: links.confirmUrl(subscriber.id),
          topics,
          postalAddress,
          expiresInDays: config.links.confirmTtlDays,
        },
        engine,
      );
    case 'preferences-saved':
      return renderTransactional(
        'preferences-saved',
        {
          manageUrl: links.manageUrl(subscriber.id),
          unsubscribeUrl: links.unsubscribeUrl(subscriber.id),
          topics,
          postalAddress,
        },
        engine,
      );
    case 'goodbye':
      return renderTransactional('goodbye', { resubscribeUrl: links.manageUrl(subscriber.id), postalAddress }, engine);
    case 'manage-link':
      return renderTransactional(
        'fresh-link',
        {
          manageUrl: links.manageUrl(subscriber.id),
          unsubscribeUrl: links.unsubscribeUrl(subscriber.id),
          manageTtlDays: config.links.manageTtlDays,
          postalAddress,
        },
        engine,
      );
  }
}

/**
 * One transactional email for a subscriber, rendered from its template in the configured engine, from
 * TRANSACTIONAL_FROM (not the digest's sender), without List-Id, with a Feedback-ID and, for the kinds sent to
 * subscribed readers, List-Unsubscribe with one-click (see `transactionalHeaders`). Every link is signed as of `issuedAt`, so building it again
 * (a retry) gives byte-identical content as long as the subscriber record and the configuration are unchanged.
 */
export async function buildTransactionalMessage(
  config: Config,
  kind: TransactionalKind,
  subscriber: Subscriber,
  issuedAt: Date,
): Promise<OutgoingMessage> {
  const links = createLinkBuilder(config, { now: () => issuedAt });
  const email = await renderKind(kind, subscriber, links, config);
  const { mail } = config;
  return {
    to: subscriber.email,
    from: mail.transactionalFrom,
    ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
    subject: email.subject,
    html: email.html,
    text: email.text,
    headers: transactionalHeaders(kind, {
      unsubscribeUrl: links.unsubscribeUrl(subscriber.id),
      mailto: mail.unsubscribeMailto,
      feedbackSenderId: mail.feedbackSenderId,
    }),
    tags: { kind, subscriber: subscriber.id },
  };
}
