import { html, type SafeHtml } from '../html.ts';
import type { TopicOption } from '../topics.ts';
import { deliveryFields, type DeliveryValues } from './delivery-fields.ts';
import { choiceFields, type ChoiceValues } from './topic-fields.ts';

export interface HomeOptions {
  topics: readonly TopicOption[];
  values: ChoiceValues & { email: string };
  error?: { field: string; message: string } | undefined;
  /** The delivery fieldset (cadence, time zone, hour); the time zone is filled in from the browser. */
  delivery?: DeliveryValues;
}

/** The front page: what Paperboy sends, and the subscribe form (re-shown with the values and an error). */
export function homeBody(options: HomeOptions): SafeHtml {
  const { error, values } = options;
  const emailError = error?.field === 'email';
  return html`<h1>The day's ML papers, by the topics you follow</h1>
    <p class="lead">
      Every weekday morning Paperboy reads Hugging Face Daily Papers, sorts the papers into topics and emails you the
      most upvoted ones in the topics you choose. No account and no password: every email has links to change your
      topics or leave with one click.
    </p>
    ${
      error
        ? html`<div class="notice error" role="alert" id="form-error"><p class="error-text">${error.message}</p></div>`
        : ''
    }
    <form method="post" action="/subscribe" novalidate>
      <label for="email">Email address</label>
      <input
        type="email"
        id="email"
        name="email"
        autocomplete="email"
        inputmode="email"
        required
        value="${values.email}"
        ${emailError ? html`aria-invalid="true" aria-describedby="form-error"` : ''}
      />
      ${choiceFields(options.topics, values)}
      ${options.delivery ? deliveryFields(options.delivery, { fromBrowser: true }) : ''}
      <button type="submit">Subscribe</button>
    </form>
    <p>We will email you a link to confirm. Nothing is sent until you click it.</p>
    <h2>Read without subscribing</h2>
    <p>
      <a href="/editions">Past editions</a>, every paper of each day on one page. Or follow them in a feed reader:
      <a href="/feeds/all.rss">RSS feed</a>, <a href="/feeds/all.atom">Atom feed</a>,
      <a href="/feeds/all.json">JSON Feed</a> (each topic has its own, listed on the editions page).
    </p>`;
}
