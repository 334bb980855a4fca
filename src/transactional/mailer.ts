import { randomUUID } from 'node:crypto';
import type { Config } from '../config/index.ts';
import { buildListHeaders, type MailTransport, type OutgoingMessage } from '../mail/index.ts';
import { renderTransactional, type RenderedEmail } from '../render/index.ts';
import { todayUtc } from '../shared/dates.ts';
import { PermanentError } from '../shared/errors.ts';
import { createLinkBuilder, type LinkBuilder, type Subscriber } from '../subscribers/index.ts';
import { THEMES } from '../themes/index.ts';

/**
 * The transactional emails (confirm, preferences saved, goodbye, fresh link) sent from the web pages and the CLI,
 * each rendered from its template in the configured engine, with List-Unsubscribe, List-Unsubscribe-Post and List-Id.
 */
export class TransactionalMailer {
  constructor(
    private readonly config: Config,
    private readonly transport: MailTransport,
    private readonly links: LinkBuilder,
    private readonly topicLabel: (id: string) => string,
  ) {}

  /** Double opt-in: the link that activates (or, after an unsubscribe, reactivates) the subscription. */
  async sendConfirm(subscriber: Subscriber): Promise<void> {
    await this.send(subscriber, 'confirm', await this.renderConfirm(subscriber));
  }

  /**
   * The answer to a subscribe request from the web form: a confirmation link, a fresh preferences link (the
   * address is already active), or nothing. Both emails are rendered every time, whatever the answer, so the work
   * after a subscribe is the same for every state of the address; only the send differs.
   */
  async answerSubscription(answer: 'confirm' | 'manage-link' | 'none', subscriber: Subscriber): Promise<void> {
    const confirm = await this.renderConfirm(subscriber);
    const manage = await this.renderFreshManageLink(subscriber);
    if (answer === 'confirm') await this.send(subscriber, 'confirm', confirm);
    else if (answer === 'manage-link') await this.send(subscriber, 'manage-link', manage);
  }

  private renderConfirm(subscriber: Subscriber): Promise<RenderedEmail> {
    return renderTransactional(
      'confirm',
      {
        confirmUrl: this.links.confirmUrl(subscriber.id),
        topics: subscriber.preferences.topics.map(this.topicLabel),
        postalAddress: this.config.mail.postalAddress,
        expiresInDays: this.config.links.confirmTtlDays,
      },
      this.config.templateEngine,
    );
  }

  async sendPreferencesSaved(subscriber: Subscriber): Promise<void> {
    const email = await renderTransactional(
      'preferences-saved',
      {
        manageUrl: this.links.manageUrl(subscriber.id),
        unsubscribeUrl: this.links.unsubscribeUrl(subscriber.id),
        topics: subscriber.preferences.topics.map(this.topicLabel),
        postalAddress: this.config.mail.postalAddress,
      },
      this.config.templateEngine,
    );
    await this.send(subscriber, 'preferences-saved', email);
  }

  async sendGoodbye(subscriber: Subscriber): Promise<void> {
    const email = await renderTransactional(
      'goodbye',
      { resubscribeUrl: this.links.manageUrl(subscriber.id), postalAddress: this.config.mail.postalAddress },
      this.config.templateEngine,
    );
    await this.send(subscriber, 'goodbye', email);
  }

  /** A fresh preferences link (an expired one was opened, or an active subscriber used the subscribe form). */
  async sendFreshManageLink(subscriber: Subscriber): Promise<void> {
    await this.send(subscriber, 'manage-link', await this.renderFreshManageLink(subscriber));
  }

  private renderFreshManageLink(subscriber: Subscriber): Promise<RenderedEmail> {
    return renderTransactional(
      'fresh-link',
      {
        manageUrl: this.links.manageUrl(subscriber.id),
        unsubscribeUrl: this.links.unsubscribeUrl(subscriber.id),
        manageTtlDays: this.config.links.manageTtlDays,
        postalAddress: this.config.mail.postalAddress,
      },
      this.config.templateEngine,
    );
  }

  private async send(subscriber: Subscriber, kind: string, email: RenderedEmail): Promise<void> {
    const { mail } = this.config;
    const message: OutgoingMessage = {
      to: subscriber.email,
      from: mail.from,
      ...(mail.replyTo ? { replyTo: mail.replyTo } : {}),
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: buildListHeaders({
        unsubscribeUrl: this.links.unsubscribeUrl(subscriber.id),
        mailto: mail.unsubscribeMailto,
        listId: mail.listId,
      }),
      tags: { kind, subscriber: subscriber.id },
    };
    // Each web email is its own send (a fresh token every time), so the key is unique per send.
    const [outcome] = await this.transport.sendBatch([message], {
      idempotencyKey: `${kind}/${subscriber.id}/${randomUUID()}`,
      date: todayUtc(),
    });
    if (outcome?.status === 'failed') {
      throw new PermanentError(`the ${kind} email was not sent: ${outcome.reason}`, outcome.code);
    }
  }
}

/** A mailer with the config's link builder and the taxonomy's topic labels. */
export function createTransactionalMailer(
  config: Config,
  transport: MailTransport,
  links: LinkBuilder = createLinkBuilder(config),
): TransactionalMailer {
  const labels = new Map(THEMES.map((t) => [t.id, t.label]));
  return new TransactionalMailer(config, transport, links, (id) => labels.get(id) ?? id);
}
