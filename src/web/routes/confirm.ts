import type { FastifyPluginAsync } from 'fastify';
import { acceptForms } from '../accept-forms.ts';
import type { WebContext } from '../context.ts';
import { html } from '../html.ts';
import { confirmAskBody } from '../pages/confirm.ts';
import { messageBody } from '../pages/message.ts';
import { savedSummary, withToken } from '../pages/preferences.ts';
import { requireToken, sendPage, sendSubscriptionNotFound } from '../respond.ts';

/**
 * Double opt-in. GET (and so HEAD) /confirm?token= only shows a button and changes nothing, because scanners fetch
 * links; POST /confirm?token= (the button) activates. Repeating the POST is harmless.
 */
export const confirmRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  await acceptForms(app);

  app.get('/confirm', async (request, reply) => {
    const link = requireToken(reply, ctx, request.query, 'confirm');
    if (!link) return reply;
    const subscriber = await ctx.store.get(link.claims.subscriberId);
    if (!subscriber) return sendSubscriptionNotFound(reply, ctx);
    return sendPage(reply, ctx, { title: 'Confirm your subscription', body: confirmAskBody(link.token) });
  });

  app.post('/confirm', async (request, reply) => {
    const link = requireToken(reply, ctx, request.query, 'confirm');
    if (!link) return reply;
    const result = await ctx.store.confirm(link.claims.subscriberId, { tokenIssuedAt: link.claims.issuedAt });
    if (!result) return sendSubscriptionNotFound(reply, ctx);
    const { subscriber, outcome } = result;
    if (outcome === 'suppressed') {
      return sendPage(reply, ctx, {
        title: 'Not subscribed',
        body: messageBody({
          heading: 'This link can no longer subscribe you',
          text: 'This address left Paperboy after this link was sent. To subscribe again, use the form on the home page.',
          extra: html`<p><a href="/">Subscribe again</a></p>`,
        }),
      });
    }
    const manage = withToken('/preferences', ctx.links.token(subscriber.id, 'manage'));
    return sendPage(reply, ctx, {
      title: 'Subscription confirmed',
      body: messageBody({
        heading: outcome === 'confirmed' ? 'You are subscribed' : 'You are already subscribed',
        text: 'Your first digest arrives with the next edition.',
        tone: 'ok',
        extra: html`${savedSummary(subscriber, ctx.topicLabel)}
          <p><a class="button" href="${manage}">Change your topics</a></p>`,
      }),
    });
  });
};
