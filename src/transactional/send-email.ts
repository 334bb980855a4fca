import type { Config } from '../config/index.ts';
import type { PacerLane } from '../deliveries/index.ts';
import type { MailTransport } from '../mail/index.ts';
import type { TransactionalJobData, TransactionalKind } from '../queue/index.ts';
import { PermanentError, TransientError } from '../shared/errors.ts';
import type { SubscriberStatus, SubscriberStore } from '../subscribers/index.ts';
import { buildTransactionalMessage, transactionalIdempotencyKey } from './message.ts';

export interface TransactionalDeps {
  config: Config;
  store: Pick<SubscriberStore, 'get'>;
  transport: MailTransport;
  /** The shared pacer: transactional requests take its priority lane. */
  pacer: { acquire(lane: PacerLane): Promise<void> };
}

export type TransactionalOutcome =
  { status: 'sent'; providerId: string; idempotencyKey: string } | { status: 'skipped'; reason: string };

/**
 * Whom each kind still goes to when it is sent (the same states the web checked when it queued it). A confirmation
 * to someone who has confirmed meanwhile, or any email to a bounced or complained address, is skipped.
 */
const SENT_TO: Record<TransactionalKind, readonly SubscriberStatus[]> = {
  confirm: ['pending', 'unsubscribed'],
  'preferences-saved': ['active'],
  goodbye: ['unsubscribed'],
  'manage-link': ['active', 'pending'],
};

/**
 * Sends one queued transactional email: reads the subscriber, builds the message as of `issuedAt` and makes one
 * provider call through the pacer's transactional lane, under the email's own idempotency key. Throws the transport's
 * typed errors (RateLimitedError, TransientError: try again with the same key; PermanentError: give up), and a
 * PermanentError when the provider refuses the address.
 */
export async function sendTransactionalEmail(
  deps: TransactionalDeps,
  job: TransactionalJobData,
): Promise<TransactionalOutcome> {
  const subscriber = await deps.store.get(job.subscriberId);
  if (!subscriber) return { status: 'skipped', reason: 'the subscriber no longer exists (erased)' };
  if (!SENT_TO[job.kind].includes(subscriber.status)) {
    return { status: 'skipped', reason: `the subscriber is ${subscriber.status} now` };
  }
  const message = await buildTransactionalMessage(deps.config, job.kind, subscriber, new Date(job.issuedAt));
  const idempotencyKey = transactionalIdempotencyKey(job);
  const [outcome] = await deps.transport.sendBatch([message], {
    idempotencyKey,
    date: job.issuedAt.slice(0, 10),
    beforeRequest: () => deps.pacer.acquire('transactional'),
  });
  if (!outcome) throw new TransientError(`the transport gave no outcome for the ${job.kind} email`, 'no_outcome');
  if (outcome.status === 'failed') {
    throw new PermanentError(`the ${job.kind} email was refused: ${outcome.reason}`, outcome.code);
  }
  return { status: 'sent', providerId: outcome.providerId, idempotencyKey };
}
