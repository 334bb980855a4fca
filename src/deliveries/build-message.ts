import { buildDigestHeaders, type OutgoingMessage } from '../mail/index.ts';
import {
  joinSpliced,
  personaliseSpliced,
  type AssembledDigest,
  type RenderedEmail,
  type SplicedPart,
} from '../render/index.ts';
import type { LinkBuilder, Subscriber } from '../subscribers/index.ts';

export interface MessageSettings {
  from: string;
  replyTo: string | undefined;
  listId: string;
  unsubscribeMailto: string | undefined;
  /** The right-most field of the Feedback-ID header. */
  feedbackSenderId: string;
}

/** One recipient's digest: the profile's rendering with their own links, headers and correlation tags. */
export function buildDigestMessage(
  email: RenderedEmail,
  subscriber: Subscriber,
  date: string,
  links: LinkBuilder,
  settings: MessageSettings,
): OutgoingMessage {
  const unsubscribeUrl = links.unsubscribeUrl(subscriber.id);
  const spliced = personaliseSpliced(email, { manageUrl: links.manageUrl(subscriber.id), unsubscribeUrl });
  return digestMessage(subscriber, date, email.subject, unsubscribeUrl, spliced, settings);
}

/** One reader's own digest (assembled in their order, with their links), with its headers and correlation tags. */
export function buildReaderMessage(
  email: AssembledDigest,
  subscriber: Subscriber,
  date: string,
  unsubscribeUrl: string,
  settings: MessageSettings,
): OutgoingMessage {
  return digestMessage(
    subscriber,
    date,
    email.subject,
    unsubscribeUrl,
    { html: email.html, text: email.text },
    settings,
  );
}

function digestMessage(
  subscriber: Subscriber,
  date: string,
  subject: string,
  unsubscribeUrl: string,
  spliced: { html: SplicedPart; text: SplicedPart },
  settings: MessageSettings,
): OutgoingMessage {
  const message = {
    to: subscriber.email,
    from: settings.from,
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    subject,
    headers: buildDigestHeaders({
      unsubscribeUrl,
      mailto: settings.unsubscribeMailto,
      listId: settings.listId,
      date,
      feedbackSenderId: settings.feedbackSenderId,
    }),
    tags: { edition: date, subscriber: subscriber.id, kind: 'digest' },
    spliced,
  };
  // Joined only when a transport reads them: Resend's batch body is built from the spliced form instead.
  defineLazyText(message, 'html', spliced.html);
  defineLazyText(message, 'text', spliced.text);
  return message as typeof message & { html: string; text: string };
}

/** Adds an enumerable property whose string is built on first read and then kept. */
function defineLazyText(target: object, key: 'html' | 'text', part: SplicedPart): void {
  let value: string | undefined;
  Object.defineProperty(target, key, { enumerable: true, get: () => (value ??= joinSpliced(part)) });
}
