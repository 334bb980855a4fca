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

export interface ListHeaderOptions {
  /** The https one-click URL (RFC 8058). */
  unsubscribeUrl: string;
  /** An address for `mailto:` unsubscribes, when configured. */
  mailto?: string | undefined;
  /** e.g. `Paperboy daily digest <daily.paperboy.example>` */
  listId: string;
}

/** List-Unsubscribe (https + optional mailto), List-Unsubscribe-Post for one-click, and List-Id. */
export function buildListHeaders(options: ListHeaderOptions): Record<string, string> {
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
    'List-Id': options.listId,
  });
}
