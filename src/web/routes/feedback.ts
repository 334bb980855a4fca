import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import type { Paper } from '../../papers/index.ts';
import type { FeedbackClaims, Subscriber } from '../../subscribers/index.ts';
import { acceptForms } from '../accept-forms.ts';
import type { WebContext } from '../context.ts';
import { feedbackTokenErrorPage } from '../pages/feedback-errors.ts';
import {
  VOTE_WORDS,
  feedbackAskBody,
  feedbackPaperMissingBody,
  feedbackRecordedBody,
  feedbackUndoneBody,
  type FeedbackView,
} from '../pages/feedback.ts';
import { messageBody } from '../pages/message.ts';
import { notReceivingBody } from '../pages/preferences.ts';
import type { RateLimitRule } from '../rate-limit.ts';
import { readToken, sendPage, sendSubscriptionNotFound } from '../respond.ts';
import { refuseCrossSite } from '../same-origin.ts';

/** Votes and undos per subscriber: a reader going through a whole digest fits, a script flooding the store does not. */
export const FEEDBACK_LIMIT: RateLimitRule = { scope: 'feedback', limit: 60, windowSeconds: 600 };

interface Target {
  token: string;
  claims: FeedbackClaims;
  subscriber: Subscriber;
  paper: Paper;
  view: FeedbackView;
}

/**
 * "More like this" / "Less like this" from a digest. GET (and HEAD) /feedback?token= records nothing, because mail
 * scanners open every link: it shows a one-tap form. POST /feedback?token= records the vote (idempotent: the same
 * vote again changes nothing and says so), POST /feedback/undo?token= removes it again. No script runs on these
 * pages (see README, "Feedback links").
 */
export const feedbackRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  await acceptForms(app);
  app.addHook('onRequest', refuseCrossSite(ctx.deps.config.web.publicBaseUrl));

  /**
   * Checks the link, the subscriber and the paper. On any failure it sends the page that says so and returns
   * undefined. `receiving`: only someone who still receives digests may vote (undo is always allowed).
   */
  const resolve = async (reply: FastifyReply, query: unknown, receiving: boolean): Promise<Target | undefined> => {
    const token = readToken(query);
    const result = token ? ctx.links.verifyFeedback(token) : undefined;
    if (!token || !result) {
      sendPage(reply, ctx, feedbackTokenErrorPage('missing'));
      return undefined;
    }
    if (!result.ok) {
      sendPage(reply, ctx, feedbackTokenErrorPage(result.reason, token));
      return undefined;
    }
    const { claims } = result;
    const subscriber = await ctx.store.get(claims.subscriberId);
    if (!subscriber) {
      sendSubscriptionNotFound(reply, ctx);
      return undefined;
    }
    const manageToken = ctx.links.token(subscriber.id, 'manage');
    if (receiving && subscriber.status !== 'active' && subscriber.status !== 'pending') {
      sendPage(reply, ctx, { title: 'Not subscribed', body: notReceivingBody(subscriber, manageToken) });
      return undefined;
    }
    const lookup = await ctx.editionPapers.find(claims.date, claims.paperId);
    if (!lookup.found) {
      sendPage(reply, ctx, {
        status: 404,
        title: 'Paper not found',
        body: feedbackPaperMissingBody(lookup.reason, claims.date),
      });
      return undefined;
    }
    const view = { title: lookup.paper.title, vote: claims.vote, token, manageToken };
    return { token, claims, subscriber, paper: lookup.paper, view };
  };

  /** Counts one state change for the subscriber; false (and a 429 page sent) past the limit. */
  const allowed = async (reply: FastifyReply, subscriberId: string): Promise<boolean> => {
    const limit = await ctx.limiter.hit(FEEDBACK_LIMIT, subscriberId);
    if (limit.allowed) return true;
    void reply.header('retry-after', String(limit.retryAfterSeconds));
    sendPage(reply, ctx, {
      status: 429,
      title: 'Too many requests',
      body: messageBody({ heading: 'Too many requests', text: 'Please wait a little and try again.', tone: 'error' }),
    });
    return false;
  };

  app.get('/feedback', async (request, reply) => {
    const target = await resolve(reply, request.query, true);
    if (!target) return reply;
    return sendPage(reply, ctx, { title: VOTE_WORDS[target.claims.vote], body: feedbackAskBody(target.view) });
  });

  app.post('/feedback', async (request, reply) => {
    const target = await resolve(reply, request.query, true);
    if (!target) return reply;
    if (!(await allowed(reply, target.subscriber.id))) return reply;
    const { claims, subscriber, paper } = target;
    const previous = (await ctx.readers.votes(subscriber.id)).find((v) => v.paperId === claims.paperId);
    const at = (ctx.deps.now?.() ?? new Date()).toISOString();
    const changed = await ctx.readers.recordVote(
      subscriber.id,
      { paperId: claims.paperId, date: claims.date, vote: claims.vote, title: paper.title.slice(0, 500), at },
      paper,
    );
    const outcome = !changed ? 'unchanged' : previous ? 'changed' : 'recorded';
    return sendPage(reply, ctx, { title: 'Recorded', body: feedbackRecordedBody(target.view, outcome) });
  });

  app.post('/feedback/undo', async (request, reply) => {
    const target = await resolve(reply, request.query, false);
    if (!target) return reply;
    if (!(await allowed(reply, target.subscriber.id))) return reply;
    const { claims, subscriber } = target;
    const current = (await ctx.readers.votes(subscriber.id)).find((v) => v.paperId === claims.paperId);
    // Undo takes back this link's vote only: a later opposite vote on the same paper stays.
    let outcome: 'removed' | 'nothing' | 'other-vote' = 'nothing';
    if (current && current.vote !== claims.vote) outcome = 'other-vote';
    else if (current && (await ctx.readers.removeVote(subscriber.id, claims.paperId))) outcome = 'removed';
    return sendPage(reply, ctx, { title: 'Undone', body: feedbackUndoneBody(target.view, outcome) });
  });
};
