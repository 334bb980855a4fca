import type { LinkPurpose, LinkTokenFailure } from '../../subscribers/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { messageBody } from './message.ts';

export interface ErrorPage {
  status: number;
  title: string;
  body: SafeHtml;
}

const WHERE: Record<LinkPurpose, string> = {
  confirm: 'the confirmation email',
  manage: 'your latest Paperboy email',
  unsubscribe: 'your latest Paperboy email',
};

/** The page for a link that does not work, saying what to do next. Expired links offer a fresh one by email. */
export function tokenErrorPage(reason: LinkTokenFailure | 'missing', purpose: LinkPurpose, token?: string): ErrorPage {
  if (reason === 'expired' && token && purpose !== 'unsubscribe') {
    const what = purpose === 'confirm' ? 'confirmation link' : 'link to your preferences';
    return {
      status: 410,
      title: 'This link has expired',
      body: messageBody({
        heading: 'This link has expired',
        text: `For your safety, a ${what} only works for a while. We can email you a fresh one.`,
        extra: html`<form method="post" action="/links/refresh">
          <input type="hidden" name="token" value="${token}" />
          <input type="hidden" name="purpose" value="${purpose}" />
          <button type="submit">Email me a fresh link</button>
        </form>`,
      }),
    };
  }
  const texts: Record<Exclude<typeof reason, 'expired'>, [string, string]> = {
    missing: ['This page needs a link', `Open this page with the link in ${WHERE[purpose]}.`],
    malformed: [
      'This link does not work',
      `It may have been cut short or changed on the way. Open the link in ${WHERE[purpose]} again, or copy the whole link into your browser.`,
    ],
    'bad-signature': [
      'This link does not work',
      `It may have been changed on the way. Open the link in ${WHERE[purpose]} again, or copy the whole link into your browser.`,
    ],
    'unknown-key': ['This link is too old', `Please use the link in ${WHERE[purpose]}.`],
    'wrong-purpose': ['This link belongs to another page', `Please use the matching link in ${WHERE[purpose]}.`],
  };
  const [heading, text] = reason === 'expired' ? texts['unknown-key'] : texts[reason];
  return {
    status: 400,
    title: heading,
    body: messageBody({
      heading,
      text,
      tone: 'error',
      extra: html`<p><a href="/">Go to the Paperboy home page</a></p>`,
    }),
  };
}
