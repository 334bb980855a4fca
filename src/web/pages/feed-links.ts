import { FEED_FORMAT_NAMES, FEED_FORMATS, feedPath } from '../feeds/paths.ts';
import { html, type SafeHtml } from '../html.ts';

export interface FeedScope {
  /** `all` or a theme id. */
  id: string;
  /** "All topics", "Visual RL" */
  label: string;
}

/** `<link rel="alternate">` for each format of each scope, so browsers and feed readers find the feeds. */
export function feedAlternates(scopes: readonly FeedScope[]): SafeHtml {
  return html`${scopes.flatMap((scope) =>
    FEED_FORMAT_NAMES.map(
      (format) =>
        html`<link
          rel="alternate"
          type="${FEED_FORMATS[format].contentType.split(';')[0]}"
          title="Paperboy: ${scope.label} (${FEED_FORMATS[format].label})"
          href="${feedPath(scope.id, format)}"
        />`,
    ),
  )}`;
}

/** The feeds of each scope as a visible list: "All topics: RSS · Atom · JSON Feed". */
export function feedList(scopes: readonly FeedScope[]): SafeHtml {
  return html`<ul class="feeds">
    ${scopes.map(
      (scope) =>
        html`<li>
          ${scope.label}:
          ${FEED_FORMAT_NAMES.map(
            (format, i) =>
              html`${i > 0 ? ' · ' : ''}<a href="${feedPath(scope.id, format)}"
                  >${FEED_FORMATS[format].label}<span class="visually-hidden"> feed of ${scope.label}</span></a
                >`,
          )}
        </li>`,
    )}
  </ul>`;
}
