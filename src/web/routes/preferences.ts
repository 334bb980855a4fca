import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { ValidationError } from '../../shared/errors.ts';
import type { Subscriber } from '../../subscribers/index.ts';
import { acceptForms } from '../accept-forms.ts';
import type { WebContext } from '../context.ts';
import { deliveryValues, lenientDelivery, parseDelivery } from '../delivery-form.ts';
import { lenientValues, parseChoices } from '../forms.ts';
import { messageBody } from '../pages/message.ts';
import { noTopicsBody, notReceivingBody, preferencesBody, savedSummary } from '../pages/preferences.ts';
import type { DeliveryValues } from '../pages/delivery-fields.ts';
import type { ReaderPanel } from '../pages/reader-preferences.ts';
import type { ChoiceValues } from '../pages/topic-fields.ts';
import { readerPanelFor } from '../reader-panel.ts';
import { RATE_LIMITS } from '../rate-limit.ts';
import { requireToken, sendPage, sendSubscriptionNotFound } from '../respond.ts';

/**
 * Sends the preferences page: the topics form with `values`, then the reader's votes, follows and mutes (as stored,
 * unless `extra.reader` gives what to show instead, e.g. a rejected form with its messages).
 */
export async function sendPreferencesPage(
  reply: FastifyReply,
  ctx: WebContext,
  subscriber: Subscriber,
  manageToken: string,
  values: ChoiceValues,
  extra: {
    status?: number;
    notice?: Parameters<typeof preferencesBody>[0]['notice'];
    reader?: Partial<ReaderPanel>;
    delivery?: DeliveryValues;
  } = {},
): Promise<FastifyReply> {
  return sendPage(reply, ctx, {
    status: extra.status ?? 200,
    title: 'Your preferences',
    body: preferencesBody({
      topics: ctx.topics,
      values,
      manageToken,
      unsubscribeToken: ctx.links.token(subscriber.id, 'unsubscribe'),
      notice: extra.notice,
      pending: subscriber.status === 'pending',
      reader: await readerPanelFor(ctx, subscriber.id, manageToken, extra.reader),
      delivery: extra.delivery ?? deliveryValues(subscriber.preferences),
    }),
  });
}

/** GET/POST /preferences?token= (a manage link) and POST /preferences/resubscribe?token=. */
export const preferencesRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  await acceptForms(app);
  const topicIds = ctx.topics.map((t) => t.id);

  const form = (
    reply: FastifyReply,
    subscriber: Subscriber,
    manageToken: string,
    values: ChoiceValues,
    extra: {
      status?: number;
      notice?: Parameters<typeof preferencesBody>[0]['notice'];
      delivery?: DeliveryValues;
    } = {},
  ) => sendPreferencesPage(reply, ctx, subscriber, manageToken, values, extra);

  app.get('/preferences', async (request, reply) => {
    const link = requireToken(reply, ctx, request.query, 'manage');
    if (!link) return reply;
    const subscriber = await ctx.store.get(link.claims.subscriberId);
    if (!subscriber) return sendSubscriptionNotFound(reply, ctx);
    if (subscriber.status !== 'active' && subscriber.status !== 'pending') {
      return sendPage(reply, ctx, { title: 'Not subscribed', body: notReceivingBody(subscriber, link.token) });
    }
    return form(reply, subscriber, link.token, subscriber.preferences);
  });

  app.post('/preferences', async (request, reply) => {
    const link = requireToken(reply, ctx, request.query, 'manage');
    if (!link) return reply;
    const current = await ctx.store.get(link.claims.subscriberId);
    if (!current) return sendSubscriptionNotFound(reply, ctx);
    if (current.status !== 'active' && current.status !== 'pending') {
      return sendPage(reply, ctx, { title: 'Not subscribed', body: notReceivingBody(current, link.token) });
    }
    let choices: ChoiceValues;
    let delivery;
    try {
      choices = parseChoices(request.body, topicIds);
      delivery = parseDelivery(request.body);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return form(reply, current, link.token, lenientValues(request.body), {
        status: 400,
        notice: { tone: 'error', text: error.message },
        delivery: lenientDelivery(request.body, current.preferences.timeZone ?? ''),
      });
    }
    if (choices.topics.length === 0) {
      return sendPage(reply, ctx, {
        title: 'No topics left',
        body: noTopicsBody(link.token, ctx.links.token(current.id, 'unsubscribe')),
      });
    }
    // Only the fields this form holds change; the rest of the preferences stay as they are.
    const saved = await ctx.store.updatePreferences(current.id, (p) => ({
      ...p,
      topics: choices.topics,
      perTopic: choices.perTopic,
      alsoTrending: choices.alsoTrending,
      ...delivery,
    }));
    if (!saved) return sendSubscriptionNotFound(reply, ctx);
    if (saved.updatedAt !== current.updatedAt && saved.status === 'active') {
      // Coalesced: at most one "preferences saved" email per window, with the latest choices (see NoticeSchedule).
      ctx.background.run('preferences notice', () => ctx.notices.preferencesChanged(saved));
    }
    return form(reply, saved, link.token, saved.preferences, {
      notice: { tone: 'ok', text: 'Your preferences are saved.', detail: savedSummary(saved, ctx.topicLabel) },
    });
  });

  app.post('/preferences/resubscribe', async (request, reply) => {
    const link = requireToken(reply, ctx, request.query, 'manage');
    if (!link) return reply;
    const subscriber = await ctx.store.get(link.claims.subscriberId);
    if (!subscriber) return sendSubscriptionNotFound(reply, ctx);
    if (subscriber.status === 'unsubscribed') {
      const limit = await ctx.limiter.hit(RATE_LIMITS.freshLinkPerSubscriber, subscriber.id);
      if (limit.allowed) await ctx.mailer.sendConfirm(subscriber);
    }
    return sendPage(reply, ctx, {
      title: 'Check your inbox',
      body: messageBody({
        heading: 'Check your inbox',
        text: 'If this address can be subscribed again, we have emailed it a link to confirm.',
        tone: 'ok',
      }),
    });
  });
};
