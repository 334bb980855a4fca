import type { Vote } from '../../relevance/index.ts';
import { html, type SafeHtml } from '../html.ts';
import { messageBody } from './message.ts';
import { withToken } from './preferences.ts';

/** The visible words of each vote, as on the email's links. */
export const VOTE_WORDS: Record<Vote, string> = { more: 'More like this', less: 'Less like this' };

const WHAT_IT_DOES: Record<Vote, string> = {
  more: 'Your next digests will put papers like this one first.',
  less: 'Your next digests will show fewer papers like this one.',
};

/** The paper a page is about, and the links of its page. */
export interface FeedbackView {
  title: string;
  vote: Vote;
  /** The feedback token (the form posts back to it). */
  token: string;
  /** A fresh manage token for the link to the preferences page. */
  manageToken: string;
}

const preferencesLink = (manageToken: string, text = 'See your votes, follows and mutes') =>
  html`<p><a href="${withToken('/preferences', manageToken)}">${text}</a></p>`;

/**
 * GET /feedback: one button that records the vote. A GET records nothing, because mail scanners open every link;
 * the plain form POST works without JavaScript (and the page runs none).
 */
export function feedbackAskBody(view: FeedbackView): SafeHtml {
  return html`<h1>${VOTE_WORDS[view.vote]}?</h1>
    <div class="notice info" role="status">
      <p><strong id="paper-title">${view.title}</strong></p>
      <p>${WHAT_IT_DOES[view.vote]}</p>
    </div>
    <form method="post" action="${withToken('/feedback', view.token)}">
      <button type="submit" autofocus>Yes, ${VOTE_WORDS[view.vote].toLowerCase()}</button>
    </form>
    ${preferencesLink(view.manageToken, 'Change your preferences instead')}`;
}

export type RecordOutcome = 'recorded' | 'changed' | 'unchanged';

const RECORDED_HEADING: Record<RecordOutcome, string> = {
  recorded: 'Recorded',
  changed: 'Recorded: your vote changed',
  unchanged: 'Already recorded',
};

/** The answer to POST /feedback: what happened, an Undo button and the way to the preferences page. */
export function feedbackRecordedBody(view: FeedbackView, outcome: RecordOutcome): SafeHtml {
  const text =
    outcome === 'unchanged'
      ? html`You had already said <strong>${VOTE_WORDS[view.vote]}</strong> about
          <strong>${view.title}</strong>. Nothing changed.`
      : html`<strong>${VOTE_WORDS[view.vote]}</strong>: <strong>${view.title}</strong>. ${WHAT_IT_DOES[view.vote]}`;
  return messageBody({
    heading: RECORDED_HEADING[outcome],
    text,
    tone: 'ok',
    extra: html`<form method="post" action="${withToken('/feedback/undo', view.token)}">
        <button type="submit" class="secondary">Undo</button>
      </form>
      ${preferencesLink(view.manageToken)}`,
  });
}

export type UndoOutcome = 'removed' | 'nothing' | 'other-vote';

/** The answer to POST /feedback/undo. */
export function feedbackUndoneBody(view: FeedbackView, outcome: UndoOutcome): SafeHtml {
  if (outcome === 'other-vote') {
    return messageBody({
      heading: 'Nothing undone',
      text: html`Your vote on <strong>${view.title}</strong> has changed since this page was opened, so it is kept. You
        can remove it on your preferences page.`,
      extra: preferencesLink(view.manageToken),
    });
  }
  return messageBody({
    heading: outcome === 'removed' ? 'Undone' : 'Nothing to undo',
    text: html`No vote is recorded for <strong>${view.title}</strong>.`,
    tone: 'ok',
    extra: html`<form method="post" action="${withToken('/feedback', view.token)}">
        <button type="submit" class="secondary">${VOTE_WORDS[view.vote]} after all</button>
      </form>
      ${preferencesLink(view.manageToken)}`,
  });
}

/** A valid link whose paper we no longer have: its edition expired (retention) or never held it. */
export function feedbackPaperMissingBody(reason: 'no-edition' | 'not-in-edition', date: string): SafeHtml {
  return messageBody({
    heading: 'We cannot find that paper',
    text:
      reason === 'no-edition'
        ? `The digest of ${date} is no longer kept, so this vote cannot be recorded. Nothing was changed.`
        : `That paper is not in the digest of ${date}, so this vote cannot be recorded. Nothing was changed.`,
    tone: 'error',
    extra: html`<p>Use the links in a more recent Paperboy email, or <a href="/">go to the home page</a>.</p>`,
  });
}
