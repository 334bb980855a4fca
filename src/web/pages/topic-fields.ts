import { DEFAULT_PER_TOPIC, MAX_PER_TOPIC } from '../../subscribers/index.ts';
import { html, type SafeHtml } from '../html.ts';
import type { TopicOption } from '../topics.ts';

export interface ChoiceValues {
  topics: string[];
  perTopic: number;
  alsoTrending: boolean;
}

export const DEFAULT_CHOICES: ChoiceValues = { topics: [], perTopic: DEFAULT_PER_TOPIC, alsoTrending: true };

/** The topic checkboxes, papers-per-topic select and "Also trending" box shared by the subscribe and preferences forms. */
export function choiceFields(topics: readonly TopicOption[], values: ChoiceValues): SafeHtml {
  const perTopicOptions = Array.from({ length: MAX_PER_TOPIC }, (_, i) => i + 1);
  return html`<fieldset>
      <legend>Topics</legend>
      ${topics.map(
        (t) =>
          html`<div class="choice">
            <input
              type="checkbox"
              id="topic-${t.id}"
              name="topics"
              value="${t.id}"
              ${values.topics.includes(t.id) ? html`checked` : ''}
              aria-describedby="topic-${t.id}-desc"
            />
            <label for="topic-${t.id}">${t.label}<span id="topic-${t.id}-desc">${t.description}</span></label>
          </div>`,
      )}
    </fieldset>
    <label for="perTopic">Papers per topic</label>
    <select id="perTopic" name="perTopic">
      ${perTopicOptions.map((n) => html`<option value="${n}" ${n === values.perTopic ? html`selected` : ''}>${n}</option>`)}
    </select>
    <div class="choice">
      <input
        type="checkbox"
        id="alsoTrending"
        name="alsoTrending"
        value="on"
        ${values.alsoTrending ? html`checked` : ''}
        aria-describedby="alsoTrending-desc"
      />
      <label for="alsoTrending"
        >Also trending<span id="alsoTrending-desc">A few popular papers outside your topics.</span></label
      >
    </div>`;
}
