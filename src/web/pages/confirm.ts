import { html, type SafeHtml } from '../html.ts';
import { messageBody } from './message.ts';
import { withToken } from './preferences.ts';

/**
 * GET /confirm only asks: mail scanners (Safe Links, corporate gateways) fetch every link on arrival, so only a
 * person pressing the button (a plain form POST, no JavaScript) confirms.
 */
export function confirmAskBody(token: string): SafeHtml {
  return messageBody({
    heading: 'Confirm your subscription',
    text: 'Press the button to start receiving the Paperboy digest at this address.',
    extra: html`<form method="post" action="${withToken('/confirm', token)}">
      <button type="submit">Confirm my subscription</button>
    </form>`,
  });
}
