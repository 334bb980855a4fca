import type { ReaderVote } from '../../relevance/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { INTEREST_FIELDS, type InterestErrors, type InterestTexts } from '../reader-form.ts';
import { VOTE_WORDS } from './feedback.ts';
import { withToken } from './preferences.ts';

/** What the reader has told Paperboy: votes from the digest, follows and mutes (the preferences page shows it). */
export interface ReaderPanel {
  votes: readonly ReaderVote[];
  texts: InterestTexts;
  errors?: InterestErrors | undefined;
  manageToken: string;
  /** Shown at the top of its section after a save or a removal. */
  notice?: { section: 'votes' | 'interests'; tone: 'ok' | 'error'; text: string } | undefined;
}

function noticeIn(panel: ReaderPanel, section: 'votes' | 'interests'): SafeHtml | '' {
  const n = panel.notice;
  if (n?.section !== section) return '';
  return html`<div class="notice ${n.tone}" role="${n.tone === 'error' ? 'alert' : 'status'}" id="${section}-notice">
    <p><strong>${n.text}</strong></p>
  </div>`;
}

function votesSection(panel: ReaderPanel): SafeHtml {
  // Newest first: the vote just given is at the top.
  const votes = [...panel.votes].reverse();
  const action = withToken('/preferences/votes/remove', panel.manageToken);
  return html`<section id="votes" aria-labelledby="votes-heading">
    <h2 id="votes-heading">Your votes</h2>
    ${noticeIn(panel, 'votes')}
    ${
      votes.length === 0
        ? html`<p>
            No votes yet. Each paper in your digest has "More like this" and "Less like this" links: what you choose
            there is listed here.
          </p>`
        : html`<ul class="votes">
            ${votes.map(
              (v) =>
                html`<li>
                  <strong>${VOTE_WORDS[v.vote]}</strong>: ${v.title || v.paperId}
                  <span class="hint">(digest of ${v.date})</span>
                  <form method="post" action="${action}">
                    <input type="hidden" name="paperId" value="${v.paperId}" />
                    <button type="submit" class="secondary" aria-label="Remove your vote on ${v.title || v.paperId}">
                      Remove
                    </button>
                  </form>
                </li>`,
            )}
          </ul>`
    }
  </section>`;
}

// A textarea drops one newline right after its start tag: this one, so a value's own first line is kept.
const NEWLINE = '\n';

function interestField(panel: ReaderPanel, field: (typeof INTEREST_FIELDS)[number]): SafeHtml {
  const error = panel.errors?.[field.name];
  const describedBy = error ? `${field.name}-hint ${field.name}-error` : `${field.name}-hint`;
  return html`<label for="${field.name}">${field.label}</label>
    <p class="hint" id="${field.name}-hint">${field.hint}</p>
    ${error ? html`<p class="error-text" id="${field.name}-error">${error}</p>` : ''}
    <textarea
      id="${field.name}"
      name="${field.name}"
      rows="4"
      aria-describedby="${describedBy}"
      ${error ? html`aria-invalid="true"` : ''}
    >${NEWLINE}${panel.texts[field.name]}</textarea
    >`;
}

/** The votes list (each removable) and the follows/mutes form, each its own form posting to its own route. */
export function readerPanelBody(panel: ReaderPanel): SafeHtml {
  return html`${votesSection(panel)}
    <section id="interests" aria-labelledby="interests-heading">
      <h2 id="interests-heading">Follows and mutes</h2>
      ${noticeIn(panel, 'interests')}
      <form method="post" action="${withToken('/preferences/interests', panel.manageToken)}" novalidate>
        <fieldset>
          <legend>Follow and mute</legend>
          ${INTEREST_FIELDS.map((f) => interestField(panel, f))}
        </fieldset>
        <button type="submit">Save follows and mutes</button>
      </form>
    </section>`;
}
