import { html, type SafeHtml } from '../html.ts';

export type Tone = 'info' | 'ok' | 'error';

/** A short page: a heading, a notice and optional extra content (links, a form). */
export function messageBody(options: {
  heading: string;
  text: string | SafeHtml;
  tone?: Tone;
  extra?: SafeHtml;
}): SafeHtml {
  const tone = options.tone ?? 'info';
  const role = tone === 'error' ? 'alert' : 'status';
  return html`<h1>${options.heading}</h1>
    <div class="notice ${tone}" role="${role}"><p>${options.text}</p></div>
    ${options.extra}`;
}
