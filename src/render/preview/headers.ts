import { SAMPLE_RECIPIENT } from '../../../templates/preview-data.ts';
import type { Config } from '../../config/index.ts';
import { buildDigestHeaders } from '../../mail/index.ts';
import { todayUtc } from '../../shared/dates.ts';
import { kindOfTemplate, transactionalHeaders } from '../../transactional/index.ts';

/**
 * The headers the real send path adds (src/deliveries for the digest, src/transactional for the rest), for the
 * sample recipient: the preview shows what each kind of email carries.
 */
export function previewHeaders(
  mail: Config['mail'],
  template: string,
  text: string,
  date: string | undefined,
): Record<string, string> {
  const kind = kindOfTemplate(template);
  const headers: Record<string, string> = {
    From: kind ? mail.transactionalFrom : mail.from,
    To: 'reader@example.org',
  };
  if (mail.replyTo) headers['Reply-To'] = mail.replyTo;
  const link = { unsubscribeUrl: SAMPLE_RECIPIENT.unsubscribeUrl, mailto: mail.unsubscribeMailto };
  Object.assign(
    headers,
    kind
      ? transactionalHeaders(kind, { ...link, feedbackSenderId: mail.feedbackSenderId })
      : buildDigestHeaders({
          ...link,
          listId: mail.listId,
          date: date ?? todayUtc(),
          feedbackSenderId: mail.feedbackSenderId,
        }),
  );
  headers['Content-Type'] = `multipart/alternative (text ${text.length} chars, html)`;
  return headers;
}
