import type { FastifyPluginAsync } from 'fastify';
import { ValidationError } from '../../shared/errors.ts';
import { normaliseEmail, type Subscriber } from '../../subscribers/index.ts';
import { acceptForms } from '../accept-forms.ts';
import type { WebContext } from '../context.ts';
import { lenientValues, parseSubscribeForm } from '../forms.ts';
import { html } from '../html.ts';
import { homeBody } from '../pages/home.ts';
import { messageBody } from '../pages/message.ts';
import { DEFAULT_CHOICES } from '../pages/topic-fields.ts';
import { RATE_LIMITS } from '../rate-limit.ts';
import { sendPage } from '../respond.ts';

/** GET / (what Paperboy sends, the subscribe form) and POST /subscribe (double opt-in). */
export const homeRoutes: FastifyPluginAsync<{ ctx: WebContext }> = async (app, { ctx }) => {
  await acceptForms(app);
  const topicIds = ctx.topics.map((t) => t.id);

  app.get('/', (_request, reply) =>
    sendPage(reply, ctx, {
      title: 'Daily ML papers by topic',
      body: homeBody({ topics: ctx.topics, values: { ...DEFAULT_CHOICES, email: '' } }),
    }),
  );

  app.post('/subscribe', async (request, reply) => {
    const perIp = await ctx.limiter.hit(RATE_LIMITS.subscribePerIp, request.ip);
    if (!perIp.allowed) {
      void reply.header('retry-after', String(perIp.retryAfterSeconds));
      return sendPage(reply, ctx, {
        status: 429,
        title: 'Too many requests',
        body: messageBody({ heading: 'Too many requests', text: 'Please wait a little and try again.', tone: 'error' }),
      });
    }
    let form;
    let email;
    try {
      form = parseSubscribeForm(request.body, topicIds);
      email = normaliseEmail(form.email);
      if (form.topics.length === 0) throw new ValidationError('Choose at least one topic', 'topics');
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return sendPage(reply, ctx, {
        status: 400,
        title: 'Please check the form',
        body: homeBody({
          topics: ctx.topics,
          values: lenientValues(request.body),
          error: { field: error.field ?? 'form', message: error.message },
        }),
      });
    }
    const preferences = { topics: form.topics, perTopic: form.perTopic, alsoTrending: form.alsoTrending };
    // Everything that depends on the address happens after the answer, so the answer (and its timing) is the
    // same whether the address is new, pending, active or suppressed.
    const address = email.address;
    ctx.background.run('subscribe', async () => {
      const perAddress = await ctx.limiter.hit(RATE_LIMITS.subscribePerAddress, email.key);
      if (!perAddress.allowed) return;
      const existing = await ctx.store.findByEmail(address);
      let subscriber: Subscriber | undefined;
      if (!existing) {
        subscriber = (await ctx.store.add(address, preferences)).subscriber;
      } else if (existing.status === 'pending' || existing.status === 'unsubscribed') {
        // Nothing is sent to these until the address owner clicks the confirm link, so taking the new choices is safe.
        subscriber = await ctx.store.updatePreferences(existing.id, preferences);
      } else if (existing.status === 'active') {
        // Never change an active subscription from an unauthenticated form: mail its owner a preferences link.
        await ctx.mailer.sendFreshManageLink(existing);
        return;
      }
      if (subscriber && subscriber.status !== 'active') await ctx.mailer.sendConfirm(subscriber);
    });
    return sendPage(reply, ctx, {
      title: 'Check your inbox',
      body: messageBody({
        heading: 'Check your inbox',
        text: html`We have sent a message to <strong>${address}</strong>. Click the link in it to confirm your
          subscription. Nothing arrives until you do.`,
        tone: 'ok',
        extra: html`<p>No email after a few minutes? Check your spam folder, or <a href="/">try again</a>.</p>`,
      }),
    });
  });
};
