import type { TransactionalJobData, TransactionalKind } from '../queue/index.ts';
import type { Subscriber } from '../subscribers/index.ts';

/** Stores one transactional email job (the web wires this to the `transactional` BullMQ queue). */
export type EnqueueTransactional = (job: TransactionalJobData) => Promise<unknown>;

/**
 * The transactional emails (confirm, preferences saved, goodbye, fresh link) the web pages ask for. Each method queues
 * one job and resolves once it is stored in Redis; a worker renders and sends it, paced ahead of the digests and
 * retried with the same idempotency key (see `sendTransactionalEmail`).
 */
export class TransactionalMailer {
  constructor(
    private readonly enqueue: EnqueueTransactional,
    /** The clock the links are signed by (the web's, so tests that move it see consistent tokens). */
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Double opt-in: the link that activates (or, after an unsubscribe, reactivates) the subscription. */
  async sendConfirm(subscriber: Subscriber): Promise<void> {
    await this.queue('confirm', subscriber);
  }

  async sendPreferencesSaved(subscriber: Subscriber): Promise<void> {
    await this.queue('preferences-saved', subscriber);
  }

  async sendGoodbye(subscriber: Subscriber): Promise<void> {
    await this.queue('goodbye', subscriber);
  }

  /**
   * The answer to a subscribe request from the web form: a confirmation link, a fresh preferences link (the address
   * is already active), or nothing. It runs after the page has answered, so its work says nothing about the address.
   */
  async answerSubscription(answer: 'confirm' | 'manage-link' | 'none', subscriber: Subscriber): Promise<void> {
    if (answer === 'confirm') await this.queue('confirm', subscriber);
    else if (answer === 'manage-link') await this.queue('manage-link', subscriber);
  }

  /** A fresh preferences link (an expired one was opened, or an active subscriber used the subscribe form). */
  async sendFreshManageLink(subscriber: Subscriber): Promise<void> {
    await this.queue('manage-link', subscriber);
  }

  private async queue(kind: TransactionalKind, subscriber: Subscriber): Promise<void> {
    await this.enqueue({ kind, subscriberId: subscriber.id, issuedAt: this.now().toISOString() });
  }
}
