import { buildFeedbackId, buildUnsubscribeHeaders } from '../mail/index.ts';
import type { TransactionalKind } from '../queue/index.ts';
import type { TransactionalTemplate } from '../render/index.ts';

/** The template each kind of transactional email is written with. */
const TEMPLATE_OF: Readonly<Record<TransactionalKind, TransactionalTemplate>> = {
  confirm: 'confirm',
  'preferences-saved': 'preferences-saved',
  goodbye: 'goodbye',
  'manage-link': 'fresh-link',
};

/**
 * Which kinds carry List-Unsubscribe (with one-click). Transactional mail is not the list, so none carries List-Id
 * (Google: a From of its own, and List-Id for list mail). A one-click header makes sense only to someone who is
 * subscribed: "preferences saved" and a fresh link go to active (or pending) readers, and unsubscribing there is
 * better than a spam report. A confirmation goes to someone not subscribed yet (ignoring it is the way out) and a
 * goodbye to someone already gone, so an unsubscribe header on those would offer nothing.
 */
const OFFERS_UNSUBSCRIBE: Readonly<Record<TransactionalKind, boolean>> = {
  confirm: false,
  'preferences-saved': true,
  goodbye: false,
  'manage-link': true,
};

export interface TransactionalHeaderOptions {
  /** The recipient's signed one-click URL (used only by the kinds that offer it). */
  unsubscribeUrl: string;
  mailto: string | undefined;
  feedbackSenderId: string;
}

/** The extra headers of one kind of transactional email: Feedback-ID, plus the unsubscribe pair where it fits. */
export function transactionalHeaders(
  kind: TransactionalKind,
  options: TransactionalHeaderOptions,
): Record<string, string> {
  return {
    ...(OFFERS_UNSUBSCRIBE[kind]
      ? buildUnsubscribeHeaders({ unsubscribeUrl: options.unsubscribeUrl, mailto: options.mailto })
      : {}),
    ...buildFeedbackId({ campaign: kind, stream: 'transactional', senderId: options.feedbackSenderId }),
  };
}

/** The kind a transactional template is sent as (the preview shows that kind's headers). */
export function kindOfTemplate(template: string): TransactionalKind | undefined {
  return (Object.keys(TEMPLATE_OF) as TransactionalKind[]).find((kind) => TEMPLATE_OF[kind] === template);
}
