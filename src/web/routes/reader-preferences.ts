import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FEEDBACK_PAPER_ID, type LinkClaims, type Subscriber } from '../../subscribers/index.ts';
import { acceptForms } from '../accept-forms.ts';
import type { WebContext } from '../context.ts';
import { messageBody } from '../pages/message.ts';
import { notReceivingBody } from '../pages/preferences.ts';
import type { RateLimitRule } from '../rate-limit.ts';
import { parseInterestsForm } from '../reader-form.ts';
import { requireToken, sendPage, sendSubscriptionNotFound } from '../respond.ts';
import { refuseCrossSite } from '../same-origin.ts';
import { sendPreferencesPage } from './preferences.ts';

/** Saves of follows/mutes and vote removals per subscriber. */
export const READER_PREFERENCES_LIMIT: RateLimitRule = { scope: 'reader-preferences', limit: 60, windowSeconds: 600 };

const removeForm = z.object({ paperId: z.string().regex(FEEDBACK_PAPER_ID) });

/**
 * The reader's part of the preferences page (a manage link): POST /preferences/interests?token= saves follows and
 * mutes, POST /preferences/votes/remove?token= removes one vote. Each answers with the whole preferences page.
 */
export const readerPreferencesRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  await acceptForms(app);
  app.addHook('onRequest', refuseCrossSite(ctx.deps.config.web.publicBaseUrl));

  /** The manage link's subscriber, if they still receive digests and are within the limit; else the page is sent. */
  const reader = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ link: { token: string; claims: LinkClaims }; subscriber: Subscriber } | undefined> => {
    const link = requireToken(reply, ctx, request.query, 'manage');
    if (!link) return undefined;
    const subscriber = await ctx.store.get(link.claims.subscriberId);
    if (!subscriber) {
      sendSubscriptionNotFound(reply, ctx);
      return undefined;
    }
    if (subscriber.status !== 'active' && subscriber.status !== 'pending') {
      sendPage(reply, ctx, { title: 'Not subscribed', body: notReceivingBody(subscriber, link.token) });
      return undefined;
    }
    const limit = await ctx.limiter.hit(READER_PREFERENCES_LIMIT, subscriber.id);
    if (!limit.allowed) {
      void reply.header('retry-after', String(limit.retryAfterSeconds));
      sendPage(reply, ctx, {
        status: 429,
        title: 'Too many requests',
        body: messageBody({ heading: 'Too many requests', text: 'Please wait a little and try again.', tone: 'error' }),
      });
      return undefined;
    }
    return { link, subscriber };
  };

  app.post('/preferences/interests', async (request, reply) => {
    const found = await reader(request, reply);
    if (!found) return reply;
    const { link, subscriber } = found;
    const form = parseInterestsForm(request.body);
    if (!form.ok) {
      return sendPreferencesPage(reply, ctx, subscriber, link.token, subscriber.preferences, {
        status: 400,
        reader: {
          texts: form.texts,
          errors: form.errors,
          notice: { section: 'interests', tone: 'error', text: 'Nothing was saved: please check the fields marked.' },
        },
      });
    }
    await ctx.readers.saveInterests(subscriber.id, form.interests);
    return sendPreferencesPage(reply, ctx, subscriber, link.token, subscriber.preferences, {
      reader: { notice: { section: 'interests', tone: 'ok', text: 'Your follows and mutes are saved.' } },
    });
  });

  app.post('/preferences/votes/remove', async (request, reply) => {
    const found = await reader(request, reply);
    if (!found) return reply;
    const { link, subscriber } = found;
    const form = removeForm.safeParse(request.body ?? {});
    const removed = form.success && (await ctx.readers.removeVote(subscriber.id, form.data.paperId));
    return sendPreferencesPage(reply, ctx, subscriber, link.token, subscriber.preferences, {
      status: form.success ? 200 : 400,
      reader: {
        notice: removed
          ? { section: 'votes', tone: 'ok', text: 'The vote is removed.' }
          : { section: 'votes', tone: 'error', text: 'There was no such vote: nothing was removed.' },
      },
    });
  });
};
