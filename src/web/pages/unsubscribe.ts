import { html, type SafeHtml } from '../html.ts';
import { messageBody } from './message.ts';
import { withToken } from './preferences.ts';

/** GET /unsubscribe only asks: link scanners fetch GETs, so only the button's POST unsubscribes. */
export function unsubscribeConfirmBody(token: string): SafeHtml {
  return messageBody({
    heading: 'Unsubscribe from Paperboy?',
    text: 'You will get no more digests. You can subscribe again at any time.',
    extra: html`<form method="post" action="${withToken('/unsubscribe', token)}">
      <input type="hidden" name="List-Unsubscribe" value="One-Click" />
      <button type="submit">Unsubscribe</button>
    </form>`,
  });
}

/** The answer to every unsubscribe POST (known, unknown or expired token alike). */
export function unsubscribedBody(manageToken?: string): SafeHtml {
  return messageBody({
    heading: 'You are unsubscribed',
    text: 'Paperboy will send no more digests to this address.',
    tone: 'ok',
    extra: manageToken
      ? html`<p>Unsubscribed by mistake? <a href="${withToken('/preferences', manageToken)}">Subscribe again</a>.</p>`
      : undefined,
  });
}
