import type { Subscriber } from '../../subscribers/index.ts';
import { html, type SafeHtml } from '../html.ts';
import type { TopicOption } from '../topics.ts';
import { messageBody } from './message.ts';
import { deliveryFields, type DeliveryValues } from './delivery-fields.ts';
import { choiceFields, type ChoiceValues } from './topic-fields.ts';

/** A same-site path carrying a token (base64url and '.', so nothing to escape beyond HTML). */
export const withToken = (path: string, token: string): string => `${path}?token=${encodeURIComponent(token)}`;

export interface PreferencesPage {
  topics: readonly TopicOption[];
  values: ChoiceValues;
  manageToken: string;
  unsubscribeToken: string;
  notice?: { tone: 'ok' | 'error'; text: string; detail?: SafeHtml } | undefined;
  pending?: boolean;
  /** The reader's votes, follows and mutes (their own forms, after the topics form). */
  reader?: SafeHtml;
  /** The delivery fieldset (cadence, time zone, hour). */
  delivery?: DeliveryValues;
}

/** The preferences form; `notice` shows a confirmation or an error above it. */
export function preferencesBody(page: PreferencesPage): SafeHtml {
  const { notice } = page;
  return html`<h1>Your Paperboy preferences</h1>
    ${
      notice
        ? html`<div class="notice ${notice.tone}" role="${notice.tone === 'error' ? 'alert' : 'status'}" id="notice">
            <p><strong>${notice.text}</strong></p>
            ${notice.detail}
          </div>`
        : ''
    }
    ${
      page.pending
        ? html`<p>
            Your subscription is waiting for you to confirm it: please click the link in the confirmation email.
          </p>`
        : ''
    }
    <form method="post" action="${withToken('/preferences', page.manageToken)}">
      ${choiceFields(page.topics, page.values)}
      ${page.delivery ? deliveryFields(page.delivery) : ''}
      <button type="submit">Save preferences</button>
    </form>
    ${page.reader}
    <p><a href="${withToken('/unsubscribe', page.unsubscribeToken)}">Unsubscribe from Paperboy</a></p>`;
}

/** What the saved preferences mean, in words. */
export function savedSummary(subscriber: Subscriber, label: (id: string) => string): SafeHtml {
  const p = subscriber.preferences;
  return html`<p>Each digest will have up to ${p.perTopic} paper${p.perTopic === 1 ? '' : 's'} for each of:</p>
    <ul class="topics">
      ${p.topics.map((t) => html`<li>${label(t)}</li>`)}
    </ul>
    <p>
      ${p.alsoTrending ? 'plus a few other trending papers ("Also trending").' : 'and no "Also trending" papers.'}
    </p>`;
}

/** Every topic was unticked: offer to unsubscribe instead of saving an empty digest. */
export function noTopicsBody(manageToken: string, unsubscribeToken: string): SafeHtml {
  return messageBody({
    heading: 'No topics left',
    text: 'You unticked every topic, so there would be nothing to send you. Would you rather unsubscribe?',
    extra: html`<form method="post" action="${withToken('/unsubscribe', unsubscribeToken)}">
        <input type="hidden" name="List-Unsubscribe" value="One-Click" />
        <button type="submit">Unsubscribe</button>
        <a class="button secondary" href="${withToken('/preferences', manageToken)}">Keep my subscription</a>
      </form>
      <p>Nothing has been changed yet.</p>`,
  });
}

/** The page a manage link opens for someone who no longer receives anything. */
export function notReceivingBody(subscriber: Subscriber, manageToken: string): SafeHtml {
  if (subscriber.status === 'unsubscribed') {
    return messageBody({
      heading: 'You are unsubscribed',
      text: 'Paperboy sends nothing to this address. Changed your mind? We will email you a link to confirm.',
      extra: html`<form method="post" action="${withToken('/preferences/resubscribe', manageToken)}">
        <button type="submit">Subscribe again</button>
      </form>`,
    });
  }
  const why =
    subscriber.status === 'bounced'
      ? 'Emails to this address bounced, so Paperboy stopped sending to it.'
      : 'This address marked a Paperboy email as spam, so Paperboy stopped sending to it.';
  return messageBody({ heading: 'Paperboy sends nothing to this address', text: why });
}
