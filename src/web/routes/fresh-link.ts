import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { acceptForms } from '../accept-forms.ts';
import type { WebContext } from '../context.ts';
import { messageBody } from '../pages/message.ts';
import { RATE_LIMITS } from '../rate-limit.ts';
import { sendPage } from '../respond.ts';

const refreshForm = z.object({ token: z.string().min(1).max(600), purpose: z.enum(['manage', 'confirm', 'feedback']) });

/**
 * POST /links/refresh: an expired (but authentic) manage or confirm link asks for a fresh one, which goes to the
 * subscriber's address, never to the browser; an expired feedback link asks for a fresh manage link. The answer is
 * the same whatever happened.
 */
export const freshLinkRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  await acceptForms(app);
  app.post('/links/refresh', async (request, reply) => {
    const form = refreshForm.safeParse(request.body ?? {});
    if (!form.success) {
      return sendPage(reply, ctx, {
        status: 400,
        title: 'This link does not work',
        body: messageBody({
          heading: 'This link does not work',
          text: 'Please open the link from your latest Paperboy email again.',
          tone: 'error',
        }),
      });
    }
    const { token, purpose } = form.data;
    const result = purpose === 'feedback' ? ctx.links.verifyFeedback(token) : ctx.links.verify(token, purpose);
    const claims = result.ok ? result.claims : result.reason === 'expired' ? result.claims : undefined;
    if (claims) {
      const subscriber = await ctx.store.get(claims.subscriberId);
      const limit = subscriber && (await ctx.limiter.hit(RATE_LIMITS.freshLinkPerSubscriber, subscriber.id));
      if (subscriber && limit?.allowed) {
        if (purpose === 'confirm' && (subscriber.status === 'pending' || subscriber.status === 'unsubscribed')) {
          await ctx.mailer.sendConfirm(subscriber);
        } else if (purpose !== 'confirm' && (subscriber.status === 'active' || subscriber.status === 'pending')) {
          await ctx.mailer.sendFreshManageLink(subscriber);
        }
      }
    }
    return sendPage(reply, ctx, {
      title: 'Check your inbox',
      body: messageBody({
        heading: 'Check your inbox',
        text: 'If that link was one of ours, a fresh one is on its way to the address it was sent to.',
        tone: 'ok',
      }),
    });
  });
};
