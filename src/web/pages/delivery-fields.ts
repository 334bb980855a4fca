import { createHash } from 'node:crypto';
import { DEFAULT_SEND_HOUR, DEFAULT_WEEKDAY, type Cadence } from '../../subscribers/index.ts';
import { SafeHtml, html } from '../html.ts';

/** The delivery choices as a form shows them: cadence, weekday (weekly), time zone ('' = morning run) and hour. */
export interface DeliveryValues {
  cadence: Cadence;
  weekday: number;
  timeZone: string;
  hour: number;
}

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

// Fills the time zone from the browser (subscribe form only); the server's default stays without JavaScript.
const ZONE_SCRIPT =
  "for(const i of document.querySelectorAll('input[data-browser-zone]')){try{const z=Intl.DateTimeFormat().resolvedOptions().timeZone;if(z)i.value=z}catch(e){}}";
const ZONE_SCRIPT_ELEMENT = new SafeHtml(`<script>${ZONE_SCRIPT}</script>`);
/** The CSP source that allows exactly that script (layout.ts adds it to `script-src`). */
export const ZONE_SCRIPT_CSP = `'sha256-${createHash('sha256').update(ZONE_SCRIPT).digest('base64')}'`;

/** The values a form starts with: daily, at 07:00 in `timeZone` ('' keeps the morning edition run). */
export function defaultDelivery(timeZone: string): DeliveryValues {
  return { cadence: 'daily', weekday: DEFAULT_WEEKDAY, timeZone, hour: DEFAULT_SEND_HOUR };
}

/**
 * The "Delivery" fieldset of the subscribe and preferences forms: daily or weekly, the weekday of a weekly
 * round-up, the time zone (IANA) and the local hour. With `fromBrowser` the time zone is filled in from the browser.
 */
export function deliveryFields(values: DeliveryValues, options: { fromBrowser?: boolean } = {}): SafeHtml {
  const hours = Array.from({ length: 24 }, (_, h) => h);
  const radio = (cadence: Cadence, label: string, hint: string) =>
    html`<div class="choice">
      <input type="radio" id="cadence-${cadence}" name="cadence" value="${cadence}"
        ${values.cadence === cadence ? html`checked` : ''} aria-describedby="cadence-${cadence}-desc" />
      <label for="cadence-${cadence}">${label}<span id="cadence-${cadence}-desc">${hint}</span></label>
    </div>`;
  return html`<fieldset>
    <legend>Delivery</legend>
    ${radio('daily', 'Daily', 'Every new edition.')}
    ${radio('weekly', 'Weekly', "One round-up of the week's top papers.")}
    <label for="weekday">Weekday of the weekly round-up</label>
    <select id="weekday" name="weekday">
      ${WEEKDAYS.map((d, i) => html`<option value="${i + 1}" ${values.weekday === i + 1 ? html`selected` : ''}>${d}</option>`)}
    </select>
    <label for="timeZone">Time zone</label>
    <input type="text" id="timeZone" name="timeZone" value="${values.timeZone}" autocomplete="off" spellcheck="false"
      maxlength="64" aria-describedby="timeZone-desc" ${options.fromBrowser ? html`data-browser-zone` : ''} />
    <span id="timeZone-desc">A name such as Europe/Berlin or America/New_York. Leave it empty to get the
      digest when the morning edition goes out.</span>
    <label for="hour">Local time</label>
    <select id="hour" name="hour">
      ${hours.map((h) => html`<option value="${h}" ${values.hour === h ? html`selected` : ''}>${String(h).padStart(2, '0')}:00</option>`)}
    </select>
    ${options.fromBrowser ? ZONE_SCRIPT_ELEMENT : ''}
  </fieldset>`;
}
