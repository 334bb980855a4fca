import type { FeedbackTokenResult } from '../../subscribers/index.ts';
import { html } from '../html.ts';
import { messageBody } from './message.ts';
import { tokenErrorPage, type ErrorPage } from './token-errors.ts';

type FeedbackFailure = Extract<FeedbackTokenResult, { ok: false }>['reason'];

/**
 * The page for a "More/Less like this" link that does not work. An expired one (authentic, only too old) offers a
 * fresh link to the preferences page by email, as an expired manage link does; the others say what to do next.
 */
export function feedbackTokenErrorPage(reason: FeedbackFailure | 'missing', token?: string): ErrorPage {
  if (reason === 'expired' && token) {
    return {
      status: 410,
      title: 'This link has expired',
      body: messageBody({
        heading: 'This link has expired',
        text: 'For your safety, the "More like this" and "Less like this" links in an email only work for a while. Nothing was recorded. We can email you a fresh link to your preferences.',
        extra: html`<form method="post" action="/links/refresh">
          <input type="hidden" name="token" value="${token}" />
          <input type="hidden" name="purpose" value="feedback" />
          <button type="submit">Email me a fresh link</button>
        </form>`,
      }),
    };
  }
  // The wording of a manage link's errors fits: "open the link in your latest Paperboy email again".
  return tokenErrorPage(reason, 'manage');
}
