import { buildListHeaders } from '../mail/headers.ts';
import type { OutgoingMessage } from '../mail/message.ts';
import { personalise, type RenderedEmail } from '../render/index.ts';
import type { LinkBuilder, Subscriber } from '../subscribers/index.ts';

export interface MessageSettings {
  from: string;
  replyTo: string | undefined;
  listId: string;
  unsubscribeMailto: string | undefined;
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
  const personal = personalise(email, { manageUrl: links.manageUrl(subscriber.id), unsubscribeUrl });
  return {
    to: subscriber.email,
    from: settings.from,
    ...(settings.replyTo ? { replyTo: settings.replyTo } : {}),
    subject: personal.subject,
    html: personal.html,
    text: personal.text,
    headers: buildListHeaders({ unsubscribeUrl, mailto: settings.unsubscribeMailto, listId: settings.listId }),
    tags: { edition: date, subscriber: subscriber.id, kind: 'digest' },
  };
}
