// Defaults derived from MAIL_FROM, so one setting gives a working pair of senders.

/** The address part of `Name <user@domain>` or `user@domain`. */
function addressOf(from: string): string {
  return (/<([^>]*)>/.exec(from)?.[1] ?? from).trim();
}

/** The domain of `Name <user@domain>` or `user@domain`, lower-cased ('' when there is none). */
export function senderDomain(from: string): string {
  const address = addressOf(from);
  return address.includes('@') ? (address.split('@').pop() ?? '').trim().toLowerCase() : '';
}

/**
 * The default transactional sender: MAIL_FROM's display name at `account@` the same domain, e.g.
 * `Paperboy <digest@paperboy.example.org>` gives `Paperboy <account@paperboy.example.org>`. Google advises a From of
 * its own for subscription mail and transactional mail; the same domain keeps SPF, DKIM and DMARC alignment as
 * they are. A MAIL_FROM whose address is already `account@` gets `accounts@`, so the two never coincide.
 */
export function transactionalSender(mailFrom: string): string {
  const address = addressOf(mailFrom);
  const domain = senderDomain(mailFrom);
  if (!domain) return mailFrom;
  const local = address.slice(0, address.lastIndexOf('@')).toLowerCase() === 'account' ? 'accounts' : 'account';
  const name = /^(.*?)\s*</.exec(mailFrom)?.[1]?.trim();
  return name ? `${name} <${local}@${domain}>` : `${local}@${domain}`;
}

/**
 * The default Feedback-ID sender id: MAIL_FROM's domain without its last label, letters and digits only, cut to 15
 * characters; one shorter than Gmail's minimum of 5 gets `-mail` (`digest@paperboy.example.org` gives `paperboyexample`).
 */
export function feedbackSenderId(mailFrom: string): string {
  const labels = senderDomain(mailFrom).split('.').filter(Boolean);
  const kept = labels.length > 1 ? labels.slice(0, -1) : labels;
  const id = kept
    .join('')
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 15);
  return id.length >= 5 ? id : `${id}-mail`;
}
