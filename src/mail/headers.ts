import { ValidationError } from '../shared/errors.ts';

const HEADER_NAME = /^[!-9;-~]+$/;

/** Rejects header names that are not RFC 5322 field names and values that could start a new header line. */
export function assertSafeHeader(name: string, value: string): void {
  if (!HEADER_NAME.test(name)) throw new ValidationError(`header name "${name}" is not a valid field name`, 'headers');
  if (/[\r\n\0]/.test(value)) throw new ValidationError(`header ${name} contains a line break`, 'headers');
}

/** A copy of the headers with every name and value checked (see assertSafeHeader). */
export function safeHeaders(headers: Record<string, string>): Record<string, string> {
  for (const [name, value] of Object.entries(headers)) assertSafeHeader(name, value);
  return { ...headers };
}

export interface UnsubscribeHeaderOptions {
  /** The https one-click URL (RFC 8058). */
  unsubscribeUrl: string;
  /** An address for `mailto:` unsubscribes, when configured. */
  mailto?: string | undefined;
}

export interface ListHeaderOptions extends UnsubscribeHeaderOptions {
  /** e.g. `Paperboy daily digest <daily.paperboy.example>` */
  listId: string;
}

/** List-Unsubscribe (https + optional mailto) and List-Unsubscribe-Post for one-click (RFC 2369, RFC 8058). */
export function buildUnsubscribeHeaders(options: UnsubscribeHeaderOptions): Record<string, string> {
  const url = new URL(options.unsubscribeUrl);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ValidationError('the unsubscribe URL must be http(s)', 'unsubscribeUrl');
  }
  const entries = [`<${url.toString()}>`];
  if (options.mailto)
    entries.push(`<mailto:${encodeURIComponent(options.mailto).replace(/%40/g, '@')}?subject=unsubscribe>`);
  return safeHeaders({
    'List-Unsubscribe': entries.join(', '),
    'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
  });
}

/** The unsubscribe headers plus List-Id (RFC 2919): what a mailing list message carries. */
export function buildListHeaders(options: ListHeaderOptions): Record<string, string> {
  return safeHeaders({ ...buildUnsubscribeHeaders(options), 'List-Id': options.listId });
}

/** A Feedback-ID field: letters, digits, `.`, `_` and `-` (the colon separates fields). */
const FEEDBACK_FIELD = /^[A-Za-z0-9._-]{1,64}$/;

export interface FeedbackIdOptions {
  /** The narrowest bucket: the edition date of a digest, the kind of a transactional email. */
  campaign: string;
  /** The mail stream: `digest` or `transactional`. */
  stream: 'digest' | 'transactional';
  /** The sender's stable id (Gmail: 5 to 15 characters), the right-most field. */
  senderId: string;
}

/**
 * Gmail's Feedback Loop header, `Feedback-ID: <campaign>:<stream>:paperboy:<sender id>` (support.google.com/mail/
 * answer/6254652): Postmaster Tools reports complaint rates per field, read from the right. Every field names a group
 * of mail, never a person (no subscriber id, address or Message-ID); a field that is not plain ASCII is refused.
 */
export function buildFeedbackId(options: FeedbackIdOptions): Record<string, string> {
  const fields: [string, string][] = [
    ['campaign', options.campaign],
    ['stream', options.stream],
    ['senderId', options.senderId],
  ];
  for (const [name, value] of fields) {
    if (!FEEDBACK_FIELD.test(value)) {
      throw new ValidationError(`Feedback-ID ${name} "${value}" must be letters, digits, . _ or -`, 'feedbackId');
    }
  }
  return { 'Feedback-ID': `${options.campaign}:${options.stream}:paperboy:${options.senderId}` };
}

/** Everything a digest's headers depend on: the recipient's one-click URL, the edition, the list settings. */
export interface DigestHeaderOptions extends ListHeaderOptions {
  /** The edition date (YYYY-MM-DD). */
  date: string;
  feedbackSenderId: string;
}

/** A digest's headers: List-Unsubscribe, List-Unsubscribe-Post, List-Id and Feedback-ID. */
export function buildDigestHeaders(options: DigestHeaderOptions): Record<string, string> {
  return {
    ...buildListHeaders(options),
    ...buildFeedbackId({ campaign: options.date, stream: 'digest', senderId: options.feedbackSenderId }),
  };
}
